// OpenOcdProcess and TclRpcClient against the real openocd with the dummy adapter.
#include "openocd/openocd_process.h"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <catch2/catch.hpp>

#include "debug/loopback_ports.h"
#include "debug/probe_error.h"
#include "openocd/tcl_rpc_client.h"
#include "openocd_test_support.h"
#include "probes/debug/run_coro.h"

using namespace tr::probe;
using namespace std::chrono_literals;
namespace asio = boost::asio;
using tr::probe::test::dummy_openocd_spec;
using tr::probe::test::have_openocd;
using tr::probe::test::process_exists;
using tr::probe::test::run_coro;

namespace {

constexpr auto kLaunch = 20s;

asio::ip::tcp::endpoint tcl_endpoint(const OpenOcdProcess& p) {
  return {asio::ip::address_v4::loopback(), p.tcl_port()};
}

}  // namespace

TEST_CASE("OpenOcdProcess::arguments puts the port commands before the config",
          "[openocd][process]") {
  OpenOcdLaunchSpec spec;
  spec.config_args = {"-f", "board/st_nucleo_l4.cfg", "-c", "adapter serial 066DFF"};
  const std::vector<std::string> expected = {
      "-c", "bindto 127.0.0.1", "-c", "tcl_port 40001",         "-c", "telnet_port disabled",
      "-c", "gdb_port 40002",   "-f", "board/st_nucleo_l4.cfg", "-c", "adapter serial 066DFF"};
  CHECK(OpenOcdProcess::arguments(spec, 40001, 40002) == expected);
}

TEST_CASE("OpenOcdProcess::launch rejects bad specs before starting anything",
          "[openocd][process]") {
  asio::io_context ctx;
  OpenOcdLaunchSpec spec;
  auto launch = [&] { return run_coro(ctx, OpenOcdProcess::launch(spec, 1s)); };
  CHECK_THROWS_WITH(launch(), Catch::Contains("no log path given"));
  spec.stderr_path = "/tmp/unused.log";
  spec.tcl_port = 4000;
  CHECK_THROWS_WITH(launch(), Catch::Contains("give both tcl_port and gdb_port"));
  spec.tcl_port = 0;
  spec.config_args = {"-f"};
  CHECK_THROWS_WITH(launch(), Catch::Contains("config argument 0 ('-f')"));
  spec.config_args = {"-c", "init", "--bogus", "x"};
  CHECK_THROWS_WITH(launch(), Catch::Contains("config argument 2 ('--bogus')"));
  spec.config_args.clear();
  spec.program = "tinyrack-no-such-openocd";
  CHECK_THROWS_WITH(launch(), Catch::Contains("'tinyrack-no-such-openocd' was not found on PATH"));
}

TEST_CASE("real openocd: start, RPC round trips, errors, clean shutdown",
          "[openocd][integration]") {
  if (!have_openocd()) {
    WARN("openocd is not installed: skipped");
    return;
  }
  asio::io_context ctx;
  auto openocd = run_coro(ctx, OpenOcdProcess::launch(dummy_openocd_spec("openocd_rpc"), kLaunch));
  const int pid = openocd->pid();
  REQUIRE(openocd->server().running());
  CHECK(openocd->tcl_port() != openocd->gdb_port());

  TclRpcClient tcl(ctx.get_executor());
  run_coro(ctx, tcl.connect(tcl_endpoint(*openocd), 5s));
  CHECK_THAT(run_coro(ctx, tcl.command("version", 5s)), Catch::StartsWith("Open On-Chip Debugger"));
  CHECK(run_coro(ctx, tcl.command("expr 2*3", 5s)) == "6");
  CHECK(run_coro(ctx, tcl.command("echo hi", 5s)).empty());  // log output is not the result
  CHECK_THAT(run_coro(ctx, tcl.command("capture {echo hi}", 5s)), Catch::StartsWith("hi"));
  try {
    run_coro(ctx, tcl.command("nosuchcmd", 5s));
    FAIL("nosuchcmd succeeded");
  } catch (const ProbeError& e) {
    CHECK(e.code() == ProbeErrc::target);
    CHECK(std::string(e.what()) ==
          "OpenOCD command 'nosuchcmd' failed: invalid command name \"nosuchcmd\"");
  }
  // No target behind the dummy adapter: target commands fail cleanly, the link survives.
  CHECK_THROWS_WITH(
      run_coro(ctx, tcl.command("halt", 5s)),
      Catch::Contains("OpenOCD command 'halt' failed: ") && Catch::Contains("\"halt\""));
  CHECK_THROWS_WITH(run_coro(ctx, tcl.command("read_memory 0x20000000 8 4", 5s)),
                    Catch::Contains("'read_memory 0x20000000 8 4' failed"));
  // An error raised inside a proc (program -> program_error) and caught by the wrapper leaves
  // both this reply and the next one well-formed.
  CHECK_THROWS_WITH(run_coro(ctx, tcl.command("program {/nonexistent/x.hex} verify", 5s)),
                    Catch::StartsWith("OpenOCD command 'program {/nonexistent/x.hex} verify' "
                                      "failed: ** Unable to reset target **"));
  CHECK(run_coro(ctx, tcl.command("expr 1", 5s)) == "1");
  run_coro(ctx, tcl.enable_notifications(5s));
  CHECK(run_coro(ctx, tcl.command("expr {1 + 1}", 5s)) == "2");
  CHECK(tcl.connected());

  run_coro(ctx, tcl.shutdown(5s));
  CHECK(run_coro(ctx, openocd->server().wait_for_exit(5s)));
  CHECK_THAT(openocd->server().exit_description(), Catch::StartsWith("exited"));
  CHECK_FALSE(process_exists(pid));  // exited and reaped
}

TEST_CASE("real openocd: destroying the process object kills and reaps it",
          "[openocd][integration]") {
  if (!have_openocd()) {
    WARN("openocd is not installed: skipped");
    return;
  }
  asio::io_context ctx;
  auto openocd = run_coro(ctx, OpenOcdProcess::launch(dummy_openocd_spec("openocd_kill"), kLaunch));
  const int pid = openocd->pid();
  REQUIRE(process_exists(pid));
  openocd.reset();
  CHECK_FALSE(process_exists(pid));
}

TEST_CASE("real openocd: a fixed Tcl port already in use is an error naming the port",
          "[openocd][integration]") {
  if (!have_openocd()) {
    WARN("openocd is not installed: skipped");
    return;
  }
  asio::io_context ctx;
  asio::ip::tcp::acceptor squatter(ctx, {asio::ip::address_v4::loopback(), 0});
  const auto busy = squatter.local_endpoint().port();
  auto spec = dummy_openocd_spec("openocd_busy");
  spec.tcl_port = busy;
  spec.gdb_port = pick_free_loopback_ports()[0];
  try {
    run_coro(ctx, OpenOcdProcess::launch(spec, kLaunch));
    FAIL("OpenOCD started on a busy port");
  } catch (const ProbeError& e) {
    CHECK(e.code() == ProbeErrc::process);
    CHECK_THAT(e.what(), Catch::Contains("tcl port " + std::to_string(busy)) &&
                             Catch::Contains("couldn't bind tcl to socket on port " +
                                             std::to_string(busy) + ": Address already in use") &&
                             Catch::Contains("exited with status 1"));
  }
  CHECK(tr::probe::test::child_openocd_count() == 0);
}

TEST_CASE("real openocd: a picked port taken meanwhile is retried with new ports",
          "[openocd][integration]") {
  if (!have_openocd()) {
    WARN("openocd is not installed: skipped");
    return;
  }
  asio::io_context ctx;
  asio::ip::tcp::acceptor squatter(ctx, {asio::ip::address_v4::loopback(), 0});
  const auto busy = squatter.local_endpoint().port();
  int calls = 0;
  auto picker = [&]() -> std::array<std::uint16_t, 2> {
    if (calls++ == 0) return {busy, pick_free_loopback_ports()[0]};
    return pick_free_loopback_ports();
  };
  auto openocd =
      run_coro(ctx, OpenOcdProcess::launch(dummy_openocd_spec("openocd_retry"), kLaunch, picker));
  CHECK(calls == 2);
  CHECK(openocd->tcl_port() != busy);
  CHECK(openocd->server().running());
}

TEST_CASE("real openocd: a bad -c command is an early exit quoting OpenOCD",
          "[openocd][integration]") {
  if (!have_openocd()) {
    WARN("openocd is not installed: skipped");
    return;
  }
  asio::io_context ctx;
  auto spec = dummy_openocd_spec("openocd_badcmd");
  spec.config_args.insert(spec.config_args.end(), {"-c", "nosuchthing 1"});
  try {
    run_coro(ctx, OpenOcdProcess::launch(spec, kLaunch));
    FAIL("OpenOCD started with a bad command");
  } catch (const ProbeError& e) {
    CHECK(e.code() == ProbeErrc::process);
    CHECK_THAT(e.what(), Catch::Contains("OpenOCD exited with status 1 during startup") &&
                             Catch::Contains("invalid command name \"nosuchthing\"") &&
                             Catch::Contains(spec.stderr_path.string()));
  }
  CHECK(tr::probe::test::child_openocd_count() == 0);
}
