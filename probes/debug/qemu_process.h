// QemuProcess: one running qemu-system-arm, owned. Killing and reaping happen on every exit
// path: kill(), the destructor, and (through PR_SET_PDEATHSIG) the death of the thread that
// spawned it, so neither zombies nor orphans outlive the harness. The process handling itself
// is ServerProcess's (shared with OpenOcdProcess); this adds QEMU's ports and version.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "debug/server_process.h"

namespace tr::probe {

class QemuProcess {
 public:
  // Spawns argv[0] (already resolved to a path) with arguments argv[1..], stdin and stdout on
  // /dev/null and stderr appended to `stderr_path`. Failure -> ProbeError(process).
  static std::unique_ptr<QemuProcess> spawn(boost::asio::any_io_executor executor,
                                            std::vector<std::string> argv,
                                            const std::filesystem::path& stderr_path,
                                            std::uint16_t gdb_port, std::uint16_t console_port);

  ~QemuProcess();
  QemuProcess(const QemuProcess&) = delete;
  QemuProcess& operator=(const QemuProcess&) = delete;

  std::uint16_t gdb_port() const;
  std::uint16_t console_port() const;
  // The exact command line, program first (for the run folder).
  const std::vector<std::string>& argv() const;
  std::string command_line() const;  // argv joined with spaces
  int pid() const;
  const std::filesystem::path& stderr_path() const;

  // False once QEMU has exited (it is reaped then).
  bool running();
  // Waits up to `grace` for QEMU to exit on its own (polling; QEMU gives no other signal).
  // Returns true once it has exited and been reaped.
  boost::asio::awaitable<bool> wait_for_exit(std::chrono::steady_clock::duration grace);
  // SIGKILL, then reap. Idempotent.
  void kill();
  // "exited with status 1" / "killed by signal 9" once reaped, else "running".
  std::string exit_description() const;
  std::optional<int> exit_status() const;  // the exit status, if it exited normally

  // The last `max_lines` lines QEMU wrote to stderr during this launch ("(empty)" if none).
  std::string stderr_tail(std::size_t max_lines = 8) const;

  // Runs `<program> --version` and returns its version number ("7.2.22").
  static boost::asio::awaitable<std::string> version(
      std::string program = "qemu-system-arm",
      std::chrono::steady_clock::duration timeout = std::chrono::seconds(10));

  // `program` as given if it contains a '/', else looked up on PATH. Not found ->
  // ProbeError(process) saying how to install it.
  static std::filesystem::path resolve_program(const std::string& program);

  // The generic process underneath (readiness polling, log tail).
  ServerProcess& server() { return *server_; }

 private:
  QemuProcess(std::unique_ptr<ServerProcess> server, std::uint16_t gdb_port,
              std::uint16_t console_port);
  std::unique_ptr<ServerProcess> server_;
  std::uint16_t gdb_port_ = 0;
  std::uint16_t console_port_ = 0;
};

}  // namespace tr::probe
