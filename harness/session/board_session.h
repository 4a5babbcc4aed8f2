// One board's run, as a straight sequence of awaited steps: start the probe server, flash the
// runner, connect the console, identify, load the model through the probe, then per input
// load, infer and collect outputs and on-device timestamps. Many sessions share one
// io_context; none blocks another.
//
// A board whose firmware answers `tr-id%` with `e-[Unknown command: tr-id]` is a standard-only
// DUT (a vendor's MLPerf Tiny firmware): its model is fixed, so the session checks the model id
// of its profile% against the MLPerf model the workload names, sends each input as `db` lines
// encoded as that model's reference firmware expects, times it with the two m-lap-us lines and
// reads the m-results-[...] values (docs/protocol.md, "Standard-only DUTs").
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
#include "session/window_monitor.h"

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
  // B - A of the runner's timestamp clock; on a standard-only DUT the m-lap-us difference in
  // µs (its identity's timer_hz is then 1000000).
  uint64_t ticks = 0;
  double instructions = 0;  // per inference, from -icount (emulated boards)
  // With an input front end on the board (tr-input ... mfcc): its timer ticks for this input,
  // and the instructions they stand for under -icount (emulated boards).
  uint64_t frontend_ticks = 0;
  double frontend_instructions = 0;
  std::vector<uint8_t> output;  // raw int8 output tensor (tr-out); empty on a standard-only DUT
  // The window as the board's power monitor saw it (a rack binding a monitor to the board).
  std::optional<MeasuredWindow> measured;
  // Standard-only DUTs: the m-results-[...] values, and what the host engine's output gives
  // when computed the same way (mlperf/reference_firmware.h). matches_host compares the two
  // at the printed precision (mlperf::scores_match).
  bool standard_only = false;
  std::vector<float> scores;
  std::vector<float> host_scores;
  bool matches_host = false;
};

struct BoardOutcome {
  std::string board;
  std::string target;
  // "tinyrack" (the runner with tr- commands) or "mlperf-standard" (standard-only DUT).
  std::string dut_kind = "tinyrack";
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
  // The rack bound a (non-modelled) power monitor to the board: what became of it. The runner
  // then ran in energy mode; each measured window is in `windows`.
  std::optional<MonitorOutcome> monitor;
  std::filesystem::path transcript;
  std::filesystem::path qemu_stderr;
  std::filesystem::path qemu_command_file;
};

// Never throws for board failures: they come back as passed = false with the step and a
// message naming the board. Cancellation (SIGINT) also comes back as a failed outcome.
// Outputs that differ from the host engine fail a tinyrack board (the engine is bit-exact by
// contract) but not a standard-only one, whose kernels are the vendor's: its windows say
// matches_host = false and a "check" event names them.
boost::asio::awaitable<BoardOutcome> run_board(BoardJob job, EventSink events);

// Instructions per inference from a timestamp window: under -icount shift=N each instruction
// advances virtual time by 2^N ns, and the timer counts at timer_hz.
double instructions_per_inference(uint64_t ticks, uint32_t timer_hz, int icount_shift,
                                  uint32_t iterations);

}  // namespace tr::harness
