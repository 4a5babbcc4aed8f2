// Runs a program the way a user would (fork/exec), captures its output and exit status, and can
// send it a signal once its stderr shows a given text. Bounded by a wall-clock limit; the child
// is killed and reaped on every path.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace tr::test {

struct ChildResult {
  int exit_status = -1;  // -1 when killed by a signal
  int term_signal = 0;
  std::string out;
  std::string err;
};

struct ChildOptions {
  std::vector<std::pair<std::string, std::string>> env;  // added to the environment
  std::optional<std::string> signal_when_stderr_has;     // send `signal` once seen
  int signal = 2;                                        // SIGINT
  std::chrono::seconds limit{300};
};

ChildResult run_child(const std::vector<std::string>& argv, const ChildOptions& options = {});

}  // namespace tr::test
