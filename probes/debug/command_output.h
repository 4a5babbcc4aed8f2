// run_command(): runs a short-lived program (a `--version` or a list query) to completion and
// returns its exit status and output. For servers that keep running, use QemuProcess (or the
// shared server-process owner) instead.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <string>
#include <vector>

namespace tr::probe {

struct CommandOutput {
  int exit_status = -1;  // the exit code; -1 if it died by a signal
  std::string out;       // everything it wrote to stdout
  std::string err;       // everything it wrote to stderr
};

// Runs argv[0] (looked up on PATH unless it contains a '/') with argv[1..], stdin on
// /dev/null. Not found -> ProbeError(process); still running after `timeout` -> killed, reaped
// and TimeoutError naming the command.
boost::asio::awaitable<CommandOutput> run_command(std::vector<std::string> argv,
                                                  std::chrono::steady_clock::duration timeout);

}  // namespace tr::probe
