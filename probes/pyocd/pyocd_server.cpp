#include "pyocd/pyocd_server.h"

#include <algorithm>
#include <array>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/system/system_error.hpp>
#include <cctype>

#include "debug/loopback_ports.h"
#include "debug/probe_error.h"
#include "debug/with_timeout.h"

namespace tr::probe {
namespace asio = boost::asio;
using namespace std::chrono_literals;

namespace {

constexpr auto kFirstPoll = 5ms, kMaxPoll = 50ms;

// What pyOCD prints when it has no probe: 0.13.1 waits forever after the first line; current
// pyOCD (told not to wait) exits after one of the others (pyocd/core/helpers.py).
constexpr const char* kWaiting = "Waiting for a debug probe to be connected";
constexpr std::array<const char*, 4> kNoProbe = {"No connected debug probes",
                                                 "is not connected, or no connected probe matches",
                                                 "No available debug probes", "No probe selected"};

// pyOCD's stdout (where it prints the no-probe lines) goes to the same log as its stderr, and
// unbuffered, so the log shows them at once. QemuProcess sends stdout to /dev/null, so a shell
// moves it; `exec` keeps the pid pyOCD's own (kill, PR_SET_PDEATHSIG and /proc checks hold).
// (Drop the shell once the shared server-process owner can route stdout itself.)
constexpr const char* kStdoutToLog = "PYTHONUNBUFFERED=1 exec \"$0\" \"$@\" 1>&2";

bool word_ok(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.' ||
           c == ':';
  });
}

void validate(const PyOcdServerSpec& spec) {
  if (!word_ok(spec.target)) {
    throw ProbeError(ProbeErrc::process,
                     "pyOCD gdbserver: target '" + spec.target +
                         "' is not a target type name (letters, digits, _ - .); see "
                         "pyocd_targets() for the names this pyOCD knows");
  }
  if (!spec.probe_uid.empty() && !word_ok(spec.probe_uid)) {
    throw ProbeError(ProbeErrc::process, "pyOCD gdbserver: probe unique ID '" + spec.probe_uid +
                                             "' has characters a probe serial never has");
  }
  if (spec.log_path.empty()) {
    throw ProbeError(ProbeErrc::process,
                     "pyOCD gdbserver: no log path given; pass a file in the run folder");
  }
  for (const auto& a : spec.extra_args) {
    if (a == "--allow-remote") {
      throw ProbeError(ProbeErrc::process,
                       "pyOCD gdbserver: --allow-remote is refused; tinyrack's probe servers "
                       "listen on loopback only");
    }
  }
}

bool contains_any(const std::string& text, const auto& needles) {
  return std::any_of(needles.begin(), needles.end(),
                     [&](const char* n) { return text.find(n) != std::string::npos; });
}

std::string no_probe_message(const PyOcdServerSpec& spec, const std::string& tail) {
  return "pyOCD gdbserver found no debug probe" +
         (spec.probe_uid.empty() ? std::string() : " with unique ID '" + spec.probe_uid + "'") +
         " (pyOCD: " + tail +
         "); check that `tinyrack probes` lists it and that this user may "
         "open it (udev rules)";
}

// argparse's one-line complaint ("pyocd-gdbserver: error: invalid target option 'x'") out of
// the usage text before it; empty when the tail holds none.
std::string argument_error(const std::string& tail) {
  const auto at = tail.rfind(": error: ");
  if (at == std::string::npos) return {};
  const auto before = tail.rfind(" | ", at);
  const auto begin = before == std::string::npos ? 0 : before + 3;
  const auto end = tail.find(" | ", at);
  return tail.substr(begin, end == std::string::npos ? std::string::npos : end - begin);
}

enum class Startup { ready, exited, no_probe };

// Polls until the GDB port is pyOCD's and listening, pyOCD exits, or it says it is waiting for
// a probe. Prefers /proc over a test connection: pyOCD counts a connection as a GDB session.
asio::awaitable<Startup> wait_until_ready(QemuProcess& server) {
  auto executor = co_await asio::this_coro::executor;
  asio::steady_timer timer(executor);
  const asio::ip::tcp::endpoint gdb(asio::ip::address_v4::loopback(), server.gdb_port());
  for (auto interval = std::chrono::steady_clock::duration(kFirstPoll);;
       interval = std::min<std::chrono::steady_clock::duration>(interval * 2, kMaxPoll)) {
    if (!server.running()) co_return Startup::exited;
    if (server.stderr_tail(20).find(kWaiting) != std::string::npos) co_return Startup::no_probe;
    const auto listens = process_listens_on(server.pid(), server.gdb_port());
    if (listens.value_or(false)) co_return Startup::ready;
    if (!listens) {  // /proc cannot tell: try the port (the server runs with --persist)
      asio::ip::tcp::socket probe(executor);
      auto [ec] = co_await probe.async_connect(gdb, asio::as_tuple(asio::use_awaitable));
      if (ec == asio::error::operation_aborted) throw boost::system::system_error(ec);
      if (!ec) co_return Startup::ready;
    }
    timer.expires_after(interval);
    co_await timer.async_wait(asio::use_awaitable);
  }
}

}  // namespace

std::vector<std::string> pyocd_server_arguments(const PyOcdInstall& install,
                                                const PyOcdServerSpec& spec, std::uint16_t gdb_port,
                                                std::uint16_t telnet_port) {
  const bool unified = install.flavour == PyOcdFlavour::unified;
  std::vector<std::string> args;
  if (unified) args.push_back("gdbserver");
  args.insert(args.end(), {"-p", std::to_string(gdb_port), "-T", std::to_string(telnet_port), "-t",
                           spec.target, "--persist"});
  // Current pyOCD: fail at once without a probe (-W/--no-wait). 0.13.1 has no such option.
  if (unified) args.push_back("--no-wait");
  if (!spec.probe_uid.empty()) args.insert(args.end(), {unified ? "-u" : "-b", spec.probe_uid});
  args.insert(args.end(), spec.extra_args.begin(), spec.extra_args.end());
  return args;
}

asio::awaitable<std::unique_ptr<PyOcdServer>> PyOcdServer::start(
    PyOcdInstall install, PyOcdServerSpec spec, std::chrono::steady_clock::duration timeout) {
  validate(spec);
  const auto shell = QemuProcess::resolve_program("sh");
  const auto [gdb_port, telnet_port] = pick_free_loopback_ports();
  std::vector<std::string> argv = {shell.string(), "-c", kStdoutToLog, install.program.string()};
  for (auto& a : pyocd_server_arguments(install, spec, gdb_port, telnet_port)) {
    argv.push_back(std::move(a));
  }
  auto executor = co_await asio::this_coro::executor;
  auto process = QemuProcess::spawn(executor, argv, spec.log_path, gdb_port, telnet_port);
  const std::string what = "starting pyOCD " + install.version + " gdbserver for target " +
                           spec.target + " (waiting for its GDB port " + std::to_string(gdb_port) +
                           ")";
  Startup state = Startup::exited;
  try {
    state = co_await with_timeout(wait_until_ready(*process), timeout, what);
  } catch (const TimeoutError&) {
    process->kill();
    throw TimeoutError(what + "; pyOCD log: " + process->stderr_tail(), timeout);
  }
  if (state == Startup::ready)
    co_return std::unique_ptr<PyOcdServer>(new PyOcdServer(std::move(process)));
  process->kill();
  const std::string tail = process->stderr_tail(12);
  if (state == Startup::no_probe || contains_any(tail, kNoProbe)) {
    throw ProbeError(ProbeErrc::process, no_probe_message(spec, tail));
  }
  if (const auto complaint = argument_error(tail); !complaint.empty()) {
    throw ProbeError(ProbeErrc::process,
                     "pyOCD gdbserver " + process->exit_description() +
                         ", rejecting its arguments: " + complaint +
                         " (command: " + process->command_line() +
                         "); check the target name (pyocd_targets() lists what pyOCD " +
                         install.version + " knows) and the extra arguments");
  }
  std::string hint = "check the log " + spec.log_path.string();
  if (tail.find("Address already in use") != std::string::npos) {
    hint = "a port was taken meanwhile; start again";
  }
  throw ProbeError(ProbeErrc::process, "pyOCD gdbserver " + process->exit_description() +
                                           " during startup: " + tail +
                                           " (command: " + process->command_line() + "); " + hint);
}

}  // namespace tr::probe
