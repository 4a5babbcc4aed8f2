// PyOcdServer: one running pyOCD GDB server for one probe, owned. Spawned with its GDB and
// telnet ports on loopback (pyOCD listens on loopback only unless --allow-remote, which is
// refused here), its probe chosen by unique ID (the probe's USB serial for CMSIS-DAP and
// ST-Link), and --persist so a GDB client may reconnect. start() returns once the GDB port is
// listening, and turns every early end into a ProbeError with pyOCD's last log lines:
// "no debug probe" (pyOCD 0.13.1 waits for one forever; current pyOCD is told not to wait),
// bad arguments (an unknown target), or any other exit. Killing and reaping happen on every
// path (QemuProcess owns the child).
#pragma once

#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "debug/qemu_process.h"
#include "pyocd/pyocd_install.h"

namespace tr::probe {

struct PyOcdServerSpec {
  std::string target;                   // -t: a name pyocd_targets() lists, e.g. "nrf52840"
  std::string probe_uid;                // -b (split) / -u (unified); empty: pyOCD's only probe
  std::filesystem::path log_path;       // pyOCD's stdout and stderr are appended here (required)
  std::vector<std::string> extra_args;  // appended after the standard arguments
};

// The arguments after the program, exactly as start() passes them.
std::vector<std::string> pyocd_server_arguments(const PyOcdInstall& install,
                                                const PyOcdServerSpec& spec, std::uint16_t gdb_port,
                                                std::uint16_t telnet_port);

class PyOcdServer {
 public:
  // Spawns the server on free loopback ports and waits (within `timeout`) until it listens on
  // its GDB port. Bad spec, no probe, early exit -> ProbeError(process); no listener within
  // `timeout` -> TimeoutError. The child is killed and reaped before any error leaves.
  static boost::asio::awaitable<std::unique_ptr<PyOcdServer>> start(
      PyOcdInstall install, PyOcdServerSpec spec, std::chrono::steady_clock::duration timeout);

  std::uint16_t gdb_port() const { return process_->gdb_port(); }
  std::uint16_t telnet_port() const { return process_->console_port(); }
  int pid() const { return process_->pid(); }
  const std::vector<std::string>& argv() const { return process_->argv(); }
  bool running() { return process_->running(); }
  // SIGKILL and reap. Idempotent; the destructor does it too.
  void stop() { process_->kill(); }
  std::string log_tail(std::size_t max_lines = 8) const { return process_->stderr_tail(max_lines); }

 private:
  explicit PyOcdServer(std::unique_ptr<QemuProcess> process) : process_(std::move(process)) {}
  std::unique_ptr<QemuProcess> process_;
};

}  // namespace tr::probe
