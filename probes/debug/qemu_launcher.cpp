#include "debug/qemu_launcher.h"

#include <boost/asio/this_coro.hpp>

#include "debug/loopback_ports.h"
#include "debug/probe_error.h"
#include "debug/with_timeout.h"

namespace tr::probe {
namespace asio = boost::asio;
using namespace std::chrono_literals;

namespace {

constexpr int kPortAttempts = 5;
constexpr int kMaxIcountShift = 10;  // QEMU's limit
constexpr const char* kPortTaken = "Address already in use";

void validate(const QemuLaunchSpec& spec) {
  if (spec.machine.empty()) {
    throw ProbeError(ProbeErrc::process,
                     "QEMU launch: no machine given; set the target's emulation.machine "
                     "(e.g. mps2-an386)");
  }
  if (spec.icount_shift < 0 || spec.icount_shift > kMaxIcountShift) {
    throw ProbeError(ProbeErrc::process, "QEMU launch: icount shift " +
                                             std::to_string(spec.icount_shift) + " is outside 0.." +
                                             std::to_string(kMaxIcountShift));
  }
  if (spec.stderr_path.empty()) {
    throw ProbeError(ProbeErrc::process,
                     "QEMU launch: no stderr log path given; pass a file in the run folder");
  }
}

}  // namespace

std::vector<std::string> qemu_arguments(const QemuLaunchSpec& spec, std::uint16_t gdb_port,
                                        std::uint16_t console_port) {
  std::vector<std::string> args = {
      "-M",
      spec.machine,
      "-display",
      "none",
      "-monitor",
      "none",
      "-icount",
      "shift=" + std::to_string(spec.icount_shift) + ",sleep=off",
      "-S",
      "-gdb",
      "tcp:127.0.0.1:" + std::to_string(gdb_port),
      "-chardev",
      "socket,id=con,host=127.0.0.1,port=" + std::to_string(console_port) + ",server=on,wait=off",
      "-serial",
      "chardev:con"};
  args.insert(args.end(), spec.extra_args.begin(), spec.extra_args.end());
  return args;
}

asio::awaitable<std::unique_ptr<QemuProcess>> launch_qemu(
    QemuLaunchSpec spec, std::chrono::steady_clock::duration timeout, PortPicker pick_ports) {
  validate(spec);
  if (!pick_ports) pick_ports = pick_free_loopback_ports;
  const auto program = QemuProcess::resolve_program(spec.program);
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  auto executor = co_await asio::this_coro::executor;
  std::string port_failures;
  for (int attempt = 1; attempt <= kPortAttempts; ++attempt) {
    const auto [gdb_port, console_port] = pick_ports();
    std::vector<std::string> argv = {program.string()};
    for (auto& a : qemu_arguments(spec, gdb_port, console_port)) argv.push_back(std::move(a));
    auto qemu = QemuProcess::spawn(executor, argv, spec.stderr_path, gdb_port, console_port);
    const std::string what = "starting QEMU -M " + spec.machine + " (waiting for its GDB port " +
                             std::to_string(gdb_port) + ")";
    bool ready = false;
    try {
      ready = co_await with_timeout(qemu->server().wait_until_listening(gdb_port),
                                    deadline - std::chrono::steady_clock::now(), what);
    } catch (const TimeoutError&) {
      qemu->kill();
      throw TimeoutError(what + "; QEMU stderr: " + qemu->stderr_tail(), timeout);
    }
    if (ready) co_return qemu;
    const std::string tail = qemu->stderr_tail(20);
    if (tail.find(kPortTaken) == std::string::npos) {
      throw ProbeError(ProbeErrc::process, "QEMU " + qemu->exit_description() +
                                               " during startup: " + tail +
                                               " (command: " + qemu->command_line() +
                                               "; log: " + spec.stderr_path.string() +
                                               "); check the machine name and extra "
                                               "arguments");
    }
    port_failures += (port_failures.empty() ? "" : ", ") + std::to_string(gdb_port) + "/" +
                     std::to_string(console_port);
  }
  throw ProbeError(ProbeErrc::process, "QEMU could not bind its loopback ports in " +
                                           std::to_string(kPortAttempts) + " attempts (tried " +
                                           port_failures + "); something is taking ports fast");
}

}  // namespace tr::probe
