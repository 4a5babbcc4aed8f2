// OpenOcdProcess: one running `openocd`, owned (through ServerProcess: killed and reaped on
// every path, PR_SET_PDEATHSIG). launch() gives it loopback ports the harness chose, waits
// until its Tcl RPC port accepts, and turns an early exit into a ProbeError quoting OpenOCD's
// last log lines.
//
// Command line: openocd -c "bindto 127.0.0.1" -c "tcl_port P" -c "telnet_port disabled"
//                       -c "gdb_port G" <config arguments...>
// The port commands come first because they are only accepted before `init`, and a config
// script may end with `init` (openocd-pyocd.md §1). Underscore forms work on 0.12 and later.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "debug/server_process.h"

namespace tr::probe {

struct OpenOcdLaunchSpec {
  std::string program = "openocd";  // looked up on PATH unless it contains a '/'
  // `-f file` / `-c command` pairs from the target and rack files, passed in this order.
  std::vector<std::string> config_args;
  std::filesystem::path stderr_path;  // OpenOCD's log (stdout and stderr) goes here (required)
  // 0 = pick free loopback ports (and retry with new ones if one is taken meanwhile). A fixed
  // port that is taken is an error naming it.
  std::uint16_t tcl_port = 0;
  std::uint16_t gdb_port = 0;
};

// Returns {tcl port, gdb port}; the default picks free loopback ports. Tests inject one that
// hands out a busy port.
using OpenOcdPortPicker = std::function<std::array<std::uint16_t, 2>()>;

class OpenOcdProcess {
 public:
  // The arguments after the program name, exactly as launch() passes them.
  static std::vector<std::string> arguments(const OpenOcdLaunchSpec& spec, std::uint16_t tcl_port,
                                            std::uint16_t gdb_port);

  // Spawns OpenOCD and waits (within `timeout`, all attempts included) until its Tcl port
  // accepts a connection. Early exit -> ProbeError(process) with OpenOCD's last log lines and
  // the port numbers; missing program / bad spec -> ProbeError(process) before spawning.
  static boost::asio::awaitable<std::unique_ptr<OpenOcdProcess>> launch(
      OpenOcdLaunchSpec spec, std::chrono::steady_clock::duration timeout,
      OpenOcdPortPicker pick_ports = {});

  std::uint16_t tcl_port() const { return tcl_port_; }
  std::uint16_t gdb_port() const { return gdb_port_; }
  int pid() const { return server_->pid(); }
  ServerProcess& server() { return *server_; }
  const ServerProcess& server() const { return *server_; }

 private:
  OpenOcdProcess(std::unique_ptr<ServerProcess> server, std::uint16_t tcl_port,
                 std::uint16_t gdb_port)
      : server_(std::move(server)), tcl_port_(tcl_port), gdb_port_(gdb_port) {}

  std::unique_ptr<ServerProcess> server_;
  std::uint16_t tcl_port_ = 0;
  std::uint16_t gdb_port_ = 0;
};

}  // namespace tr::probe
