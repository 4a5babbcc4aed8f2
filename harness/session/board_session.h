// One board's run, as a straight sequence of awaited steps: start the probe server, flash the
// runner, connect the console, identify, load the model through the probe, then per input
// load, infer and collect outputs and on-device timestamps. Many sessions share one
// io_context; none blocks another.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "config/rack_spec.h"
#include "run/prepared_workload.h"
#include "run/runner_profile.h"
#include "runner/runner_commands.h"

namespace tr::harness {

// How inputs reach the runner: written into its RAM slot by the debug probe (fast), or sent
// as MLPerf Tiny `db` hex lines over the console (the reference path).
enum class InputPath { probe, db };

// Progress events, for whoever wants to show them; library code never prints.
struct SessionEvent {
  std::string board;
  std::string step;
  std::string detail;
};
using EventSink = std::function<void(const SessionEvent&)>;

struct BoardJob {
  config::BoardSpec board;
  const PreparedWorkload* workload = nullptr;
  std::filesystem::path firmware_elf;
  std::filesystem::path out_dir;  // transcripts, stderr and command lines go here
  std::string qemu_program = "qemu-system-arm";
  InputPath input_path = InputPath::probe;
  bool profile = false;  // after the measurement, one tr-prof on the last input
};

struct WindowResult {
  std::string input;
  uint32_t iterations = 0;
  uint64_t ticks = 0;           // B - A of the runner's timestamp clock
  double instructions = 0;      // per inference, from -icount
  std::vector<uint8_t> output;  // raw int8 output tensor (tr-out)
  bool matches_host = false;
};

struct BoardOutcome {
  std::string board;
  std::string target;
  bool passed = false;
  std::string failed_step;
  std::string error;
  RunnerIdentity identity;
  std::string elf_sha256;
  std::string qemu_version;
  std::vector<std::string> qemu_command;
  std::map<std::string, uint64_t> memory;
  std::vector<WindowResult> windows;
  std::optional<RunnerProfile> profile;  // when the job asked for it
  std::filesystem::path transcript;
  std::filesystem::path qemu_stderr;
  std::filesystem::path qemu_command_file;
};

// Never throws for board failures: they come back as passed = false with the step and a
// message naming the board. Cancellation (SIGINT) also comes back as a failed outcome.
boost::asio::awaitable<BoardOutcome> run_board(BoardJob job, EventSink events);

// Instructions per inference from a timestamp window: under -icount shift=N each instruction
// advances virtual time by 2^N ns, and the timer counts at timer_hz.
double instructions_per_inference(uint64_t ticks, uint32_t timer_hz, int icount_shift,
                                  uint32_t iterations);

}  // namespace tr::harness
