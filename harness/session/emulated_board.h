// EmulatedBoard: one QEMU board brought up the way every session needs it — QEMU started
// halted through QemuProbe, the console connected before the first continue, the runner
// flashed over the GDB stub, verified, reset and booted to its banner. Owns QEMU until
// shutdown() (or destruction) kills and reaps it.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "config/rack_spec.h"
#include "debug/elf_image.h"
#include "debug/qemu_probe.h"
#include "runner/runner_client.h"

namespace tr::harness {

struct EmulatedBoardFiles {
  std::filesystem::path transcript;    // console transcript (appended)
  std::filesystem::path qemu_stderr;   // QEMU's stderr (appended)
  std::filesystem::path command_line;  // QEMU's exact command line (written)
};

// The run-folder files of board `board_name`: <dir>/<board>.console.txt and so on.
EmulatedBoardFiles board_files_in(const std::filesystem::path& dir, const std::string& board_name);

class EmulatedBoard {
 public:
  // `on_step(step, detail)` is told of each step as it starts; may be empty.
  using StepFn = std::function<void(const std::string&, const std::string&)>;

  EmulatedBoard(const config::BoardSpec& board, std::string qemu_program, EmulatedBoardFiles files);
  ~EmulatedBoard();

  // Starts QEMU, connects the console, flashes `image`, resumes and reads the boot banner.
  boost::asio::awaitable<RunnerReply> start(const probe::ElfImage& image, const StepFn& on_step);
  // Halt, write `bytes` at `address` through the probe, resume.
  boost::asio::awaitable<void> write_memory(uint32_t address, std::span<const uint8_t> bytes);
  // Closes the console and the probe; QEMU is killed and reaped. Never throws.
  boost::asio::awaitable<void> shutdown();

  RunnerClient& runner();
  probe::QemuProcess* qemu();  // null before start and after shutdown
  const std::vector<std::string>& qemu_command() const { return qemu_command_; }
  const std::string& qemu_version() const { return qemu_version_; }
  // What the chip reported before it was flashed (chip_check.h); empty when the target gives
  // no identity.
  const std::string& chip() const { return chip_; }
  // What the board's surroundings say about a failure: QEMU's state and stderr, the console.
  // A QEMU that is going down gets a moment to finish exiting first. Never throws.
  boost::asio::awaitable<std::string> failure_context();

 private:
  std::chrono::milliseconds timeout(config::TimeoutKind kind) const;
  boost::asio::awaitable<std::string> check_identity();

  config::BoardSpec board_;
  std::string qemu_program_;
  EmulatedBoardFiles files_;
  std::unique_ptr<probe::QemuProbe> probe_;
  std::optional<RunnerClient> runner_;
  std::vector<std::string> qemu_command_;
  std::string qemu_version_;
  std::string chip_;
};

}  // namespace tr::harness
