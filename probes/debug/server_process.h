// ServerProcess: one spawned probe server (QEMU, OpenOCD...), owned. Killing and reaping happen
// on every exit path: kill(), the destructor, and (through PR_SET_PDEATHSIG) the death of the
// thread that spawned it, so neither zombies nor orphans outlive the harness. Its stderr goes
// to a log file; stderr_tail() quotes what this launch wrote there for error messages.
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

namespace tr::probe {

struct ServerSpawn {
  std::string name;                   // "QEMU", "OpenOCD": used in error messages
  std::vector<std::string> argv;      // argv[0] already resolved to a path
  std::filesystem::path stderr_path;  // appended to, after a "--- tinyrack: <command>" banner
  bool stdout_to_log = false;         // else stdout goes to /dev/null
};

class ServerProcess {
 public:
  // Spawns the server with stdin on /dev/null. Failure -> ProbeError(process).
  static std::unique_ptr<ServerProcess> spawn(boost::asio::any_io_executor executor,
                                              ServerSpawn spec);

  ~ServerProcess();
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  const std::string& name() const;
  const std::vector<std::string>& argv() const;
  std::string command_line() const;  // argv joined with spaces
  int pid() const;
  const std::filesystem::path& stderr_path() const;

  // False once the server has exited (it is reaped then).
  bool running();
  // Waits up to `grace` for the server to exit on its own (polling: there is no other signal).
  // Returns true once it has exited and been reaped.
  boost::asio::awaitable<bool> wait_for_exit(std::chrono::steady_clock::duration grace);
  // SIGKILL, then reap. Idempotent.
  void kill();
  // "exited with status 1" / "killed by signal 9" once reaped, else "running".
  std::string exit_description() const;
  std::optional<int> exit_status() const;  // the exit status, if it exited normally

  // The last `max_lines` non-empty lines written to the log during this launch, joined with
  // " | " ("(empty)" if none).
  std::string stderr_tail(std::size_t max_lines = 8) const;

  // True once the server owns a listener on loopback `port` that accepts a connection; false
  // if the server exited first. Polls with a short, growing interval (servers give no
  // readiness signal); a stranger's listener on a port the server failed to bind never counts.
  // Bound it with with_timeout().
  boost::asio::awaitable<bool> wait_until_listening(std::uint16_t port);

  // `program` as given if it contains a '/', else looked up on PATH. Not found ->
  // ProbeError(process) saying how to install it.
  static std::filesystem::path resolve_program(const std::string& program);

  // Runs `program args...` (resolved as above) and returns its stdout; the whole run must end
  // within `timeout`.
  static boost::asio::awaitable<std::string> capture_output(
      std::string program, std::vector<std::string> args,
      std::chrono::steady_clock::duration timeout);

 private:
  struct Impl;
  explicit ServerProcess(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace tr::probe
