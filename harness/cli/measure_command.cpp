// `tinyrack measure --monitor SPEC --seconds N --out FILE`: one capture from a power monitor,
// written as a trace file (probes/power/tracefile) with a summary on stdout. Ctrl-C ends the
// capture early and keeps what was measured; a monitor that fails mid-capture still gets its
// data written, and the exit status is 1.
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <chrono>
#include <csignal>
#include <exception>
#include <iostream>
#include <memory>
#include <optional>
#include <string>

#include "cli/commands.h"
#include "cli/measure_summary.h"
#include "power/power_error.h"
#include "power/spec/monitor_factory.h"
#include "power/spec/monitor_spec.h"
#include "power/tracefile/trace_file.h"

namespace tr::cli {
namespace {

namespace asio = boost::asio;

struct MeasureArgs {
  std::string monitor;
  double seconds = 0.0;
  std::string out;
  double rate_hz = 0.0;
  std::string supply;  // "", "on" or "off"
  std::optional<double> volts;
};

struct Capture {
  std::optional<power::PowerTrace> trace;
  std::exception_ptr error;
  bool interrupted = false;
};

asio::awaitable<void> capture(power::PowerMonitor& monitor, const MeasureArgs& args,
                              asio::signal_set& signals, Capture& result) {
  auto ex = co_await asio::this_coro::executor;
  asio::steady_timer wait(ex);
  bool started = false;
  // Ctrl-C: while opening, skip the wait; while capturing, end it now.
  signals.async_wait([&](const boost::system::error_code& ec, int) {
    if (ec) return;
    result.interrupted = true;
    wait.cancel();
  });
  try {
    co_await monitor.open();
    if (!args.supply.empty() || args.volts) {
      co_await monitor.set_supply(args.supply != "off", args.volts);
    }
    co_await monitor.start(args.rate_hz);
    started = true;
    if (!result.interrupted) {
      wait.expires_after(std::chrono::duration_cast<std::chrono::steady_clock::duration>(
          std::chrono::duration<double>(args.seconds)));
      boost::system::error_code ec;
      co_await wait.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    }
    result.trace = co_await monitor.stop();
    started = false;
    co_await monitor.close();
  } catch (...) {
    result.error = std::current_exception();
  }
  if (result.error) {
    // Keep what a started capture has, then release the device; its own errors add nothing.
    try {
      if (started) result.trace = co_await monitor.stop();
    } catch (...) {
    }
    try {
      co_await monitor.close();
    } catch (...) {
    }
  }
  signals.cancel();
}

int fail(const std::string& what, int status) {
  std::cerr << "tinyrack measure: " << what << "\n";
  return status;
}

int run_measure(const MeasureArgs& args) {
  power::MonitorSpec spec;
  try {
    spec = power::parse_monitor_spec(args.monitor);
  } catch (const power::PowerError& e) {
    return fail(e.what(), kExitBadInput);
  }
  if (args.supply == "off" && args.volts) {
    return fail("--volts sets the supply it powers; it cannot go with --supply off", kExitBadInput);
  }

  asio::io_context ctx;
  std::unique_ptr<power::PowerMonitor> monitor;
  try {
    monitor = power::make_monitor(ctx.get_executor(), spec);
  } catch (const power::PowerError& e) {
    return fail(e.what(), kExitBadInput);
  }
  asio::signal_set signals(ctx, SIGINT, SIGTERM);
  Capture result;
  asio::co_spawn(ctx, capture(*monitor, args, signals, result), asio::detached);
  ctx.run();

  if (result.interrupted) std::cout << "interrupted: keeping what was captured\n";
  if (!result.trace) {
    try {
      std::rethrow_exception(result.error);
    } catch (const power::PowerError& e) {
      return fail(e.what(), e.code() == power::PowerErrc::config ? kExitBadInput : kExitFailed);
    } catch (const std::exception& e) {
      return fail(e.what(), kExitFailed);
    }
  }
  auto& trace = *result.trace;
  if (result.error && !trace.ended_by_error) {
    try {
      std::rethrow_exception(result.error);
    } catch (const std::exception& e) {
      trace.ended_by_error = e.what();
    }
  }
  std::optional<std::string> write_error;
  try {
    power::write_trace_file(args.out, trace);
  } catch (const power::PowerError& e) {
    write_error = e.what();
  }
  print_measure_summary(std::cout, trace, monitor->description(), args.out);
  if (write_error) return fail(*write_error, kExitFailed);
  return trace.ended_by_error ? kExitFailed : kExitOk;
}

}  // namespace

std::function<int()> add_measure_command(CLI::App& app) {
  CLI::App* cmd = app.add_subcommand("measure", "Capture from one power monitor into a trace file");
  auto args = std::make_shared<MeasureArgs>();
  cmd->add_option(
         "--monitor", args->monitor,
         std::string("the monitor, KIND:ADDRESS[,key=value...]:\n") + power::monitor_spec_help())
      ->required();
  cmd->add_option("--seconds", args->seconds, "capture length (Ctrl-C ends it early)")
      ->required()
      ->check(CLI::PositiveNumber);
  cmd->add_option("--out", args->out, "trace file to write (CSV, docs/power-monitors.md)")
      ->required();
  cmd->add_option("--rate", args->rate_hz, "sample rate in Hz (default: the monitor's)")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--supply", args->supply, "switch the DUT supply on or off before capturing")
      ->check(CLI::IsMember({"on", "off"}));
  cmd->add_option("--volts", args->volts, "DUT supply voltage (switches it on)")
      ->check(CLI::PositiveNumber);
  return [args]() -> int { return run_measure(*args); };
}

}  // namespace tr::cli
