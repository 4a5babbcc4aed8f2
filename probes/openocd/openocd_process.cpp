#include "openocd/openocd_process.h"

#include <boost/asio/this_coro.hpp>

#include "debug/loopback_ports.h"
#include "debug/probe_error.h"
#include "debug/with_timeout.h"

namespace tr::probe {
namespace asio = boost::asio;

namespace {

constexpr int kPortAttempts = 5;
constexpr const char* kPortTaken = "Address already in use";
constexpr std::size_t kTailLines = 6;

void validate(const OpenOcdLaunchSpec& spec) {
  if (spec.stderr_path.empty()) {
    throw ProbeError(ProbeErrc::process,
                     "OpenOCD launch: no log path given; pass a file in the run folder");
  }
  if ((spec.tcl_port == 0) != (spec.gdb_port == 0) ||
      (spec.tcl_port != 0 && spec.tcl_port == spec.gdb_port)) {
    throw ProbeError(ProbeErrc::process,
                     "OpenOCD launch: give both tcl_port and gdb_port (different), or neither "
                     "to pick free ports (got tcl " +
                         std::to_string(spec.tcl_port) + ", gdb " + std::to_string(spec.gdb_port) +
                         ")");
  }
  for (std::size_t i = 0; i < spec.config_args.size(); i += 2) {
    const auto& flag = spec.config_args[i];
    if ((flag != "-f" && flag != "-c" && flag != "-s") || i + 1 == spec.config_args.size()) {
      throw ProbeError(ProbeErrc::process,
                       "OpenOCD launch: config argument " + std::to_string(i) + " ('" + flag +
                           "') must be -f <file>, -c <command> or -s <dir>, each with its value");
    }
  }
}

std::string ports_text(std::uint16_t tcl, std::uint16_t gdb) {
  return "tcl port " + std::to_string(tcl) + ", gdb port " + std::to_string(gdb);
}

}  // namespace

std::vector<std::string> OpenOcdProcess::arguments(const OpenOcdLaunchSpec& spec,
                                                   std::uint16_t tcl_port, std::uint16_t gdb_port) {
  std::vector<std::string> args = {
      "-c", "bindto 127.0.0.1",     "-c", "tcl_port " + std::to_string(tcl_port),
      "-c", "telnet_port disabled", "-c", "gdb_port " + std::to_string(gdb_port)};
  args.insert(args.end(), spec.config_args.begin(), spec.config_args.end());
  return args;
}

asio::awaitable<std::unique_ptr<OpenOcdProcess>> OpenOcdProcess::launch(
    OpenOcdLaunchSpec spec, std::chrono::steady_clock::duration timeout,
    OpenOcdPortPicker pick_ports) {
  validate(spec);
  const bool fixed = spec.tcl_port != 0;
  if (fixed) {
    pick_ports = [&spec] { return std::array<std::uint16_t, 2>{spec.tcl_port, spec.gdb_port}; };
  } else if (!pick_ports) {
    pick_ports = pick_free_loopback_ports;
  }
  const auto program = ServerProcess::resolve_program(spec.program);
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  auto executor = co_await asio::this_coro::executor;
  std::string port_failures;
  const int attempts = fixed ? 1 : kPortAttempts;
  for (int attempt = 1; attempt <= attempts; ++attempt) {
    const auto [tcl_port, gdb_port] = pick_ports();
    std::vector<std::string> argv = {program.string()};
    for (auto& a : arguments(spec, tcl_port, gdb_port)) argv.push_back(std::move(a));
    std::unique_ptr<OpenOcdProcess> openocd(new OpenOcdProcess(
        ServerProcess::spawn(executor, ServerSpawn{"OpenOCD", argv, spec.stderr_path, true}),
        tcl_port, gdb_port));
    ServerProcess& server = openocd->server();
    const std::string what =
        "starting OpenOCD (waiting for its Tcl port " + std::to_string(tcl_port) + ")";
    bool ready = false;
    try {
      ready = co_await with_timeout(server.wait_until_listening(tcl_port),
                                    deadline - std::chrono::steady_clock::now(), what);
    } catch (const TimeoutError&) {
      server.kill();
      throw TimeoutError(what + "; OpenOCD log: " + server.stderr_tail(kTailLines), timeout);
    }
    if (ready) co_return openocd;
    const std::string tail = server.stderr_tail(kTailLines);
    if (tail.find(kPortTaken) == std::string::npos || fixed) {
      throw ProbeError(ProbeErrc::process,
                       "OpenOCD " + server.exit_description() + " during startup (" +
                           ports_text(tcl_port, gdb_port) + "): " + tail + " (command: " +
                           server.command_line() + "; log: " + spec.stderr_path.string() +
                           "); check the config arguments and that the ports are free");
    }
    port_failures += (port_failures.empty() ? "" : ", ") + std::to_string(tcl_port) + "/" +
                     std::to_string(gdb_port);
  }
  throw ProbeError(ProbeErrc::process, "OpenOCD could not bind its loopback ports in " +
                                           std::to_string(kPortAttempts) + " attempts (tried " +
                                           port_failures + "); something is taking ports fast");
}

}  // namespace tr::probe
