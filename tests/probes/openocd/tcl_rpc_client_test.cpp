// TclRpcClient against a scripted fake Tcl server on loopback: framing over TCP, the status
// wrapper, notifications, oversize replies, EOF and deadlines.
#include "openocd/tcl_rpc_client.h"

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <catch2/catch.hpp>

#include "debug/probe_error.h"
#include "fake_tcl_server.h"
#include "probes/debug/run_coro.h"

using namespace tr::probe;
using namespace std::chrono_literals;
namespace asio = boost::asio;
using asio::awaitable;
using tr::probe::test::FakeTclLink;
using tr::probe::test::run_coro;

namespace {

constexpr auto kGenerous = 5s;  // deadlines that must not fire

struct Fixture {
  asio::io_context ctx;
  std::shared_ptr<tr::probe::test::FakeTclResult> server =
      std::make_shared<tr::probe::test::FakeTclResult>();
  TclRpcClient client{ctx.get_executor()};

  void start(tr::probe::test::TclScript script) {
    const auto endpoint = tr::probe::test::start_fake_tcl_server(ctx, std::move(script), server);
    run_coro(ctx, client.connect(endpoint, kGenerous));
  }
  std::string command(std::string script, std::chrono::milliseconds timeout = 5000ms) {
    return run_coro(ctx, client.command(std::move(script), timeout));
  }
  void finish() { tr::probe::test::finish_fake_tcl_server(ctx, *server); }
};

awaitable<void> pause(std::chrono::milliseconds d) {
  asio::steady_timer t(co_await asio::this_coro::executor, d);
  co_await t.async_wait(asio::use_awaitable);
}

}  // namespace

TEST_CASE("command sends the wrapped script and returns the OK result", "[openocd][tcl]") {
  Fixture f;
  f.start([](FakeTclLink& link) -> awaitable<void> {
    if (co_await link.command() != "expr 2*3") throw std::runtime_error("wrong script");
    co_await link.ok("6");
  });
  CHECK(f.command("expr 2*3") == "6");
  f.finish();
}

TEST_CASE("a reply split into pieces is reassembled", "[openocd][tcl]") {
  Fixture f;
  f.start([](FakeTclLink& link) -> awaitable<void> {
    co_await link.command();
    co_await link.send("OK:Open On");
    co_await pause(20ms);
    co_await link.send("-Chip Debugger 0.12.0");
    co_await pause(20ms);
    co_await link.send("\x1a");
  });
  CHECK(f.command("version") == "Open On-Chip Debugger 0.12.0");
  f.finish();
}

TEST_CASE("a late reply is skipped, even when it arrives coalesced with the next",
          "[openocd][tcl]") {
  Fixture f;
  f.start([](FakeTclLink& link) -> awaitable<void> {
    if (co_await link.command() != "wait_halt 10000") throw std::runtime_error("order");
    if (co_await link.command() != "expr 1+1") throw std::runtime_error("order");
    co_await link.send(std::string("OK:late\x1a") + "OK:2\x1a");  // both replies, one write
  });
  CHECK_THROWS_AS(f.command("wait_halt 10000", 100ms), TimeoutError);
  CHECK(f.client.stale_replies() == 1);
  CHECK(f.client.connected());
  CHECK(f.command("expr 1+1") == "2");
  CHECK(f.client.stale_replies() == 0);
  f.finish();
}

TEST_CASE("an ERR reply becomes a ProbeError naming the command and OpenOCD's message",
          "[openocd][tcl]") {
  Fixture f;
  f.start([](FakeTclLink& link) -> awaitable<void> {
    co_await link.command();
    co_await link.err("invalid command name \"nosuchcmd\"");
    co_await link.command();
    co_await link.ok("still fine");
  });
  try {
    f.command("nosuchcmd");
    FAIL("no error");
  } catch (const ProbeError& e) {
    CHECK(e.code() == ProbeErrc::target);
    CHECK(std::string(e.what()) ==
          "OpenOCD command 'nosuchcmd' failed: invalid command name \"nosuchcmd\"");
  }
  CHECK(f.command("echo x") == "still fine");
  f.finish();
}

TEST_CASE("notifications before and between replies are set aside", "[openocd][tcl]") {
  Fixture f;
  f.start([](FakeTclLink& link) -> awaitable<void> {
    if (co_await link.command() != "tcl_notifications on") throw std::runtime_error("order");
    co_await link.send(std::string("OK:\x1atype target_event event halted\r\n\x1a"));
    co_await link.command();
    co_await link.send(std::string("type target_state state halted\r\n\x1aOK:0x0 0x1") +
                       "\x1atype target_reset mode halt\r\n\x1a");
  });
  run_coro(f.ctx, f.client.enable_notifications(5s));
  CHECK(f.command("read_memory 0 8 2") == "0x0 0x1");
  const auto seen = f.client.take_notifications();
  // The reset notification after the reply is read with the next command, not before.
  REQUIRE(seen.size() == 2);
  CHECK(seen[0] == "type target_event event halted");
  CHECK(seen[1] == "type target_state state halted");
  CHECK(f.client.take_notifications().empty());
  f.finish();
}

TEST_CASE("a reply over 4 MiB is a clear error and the next command still works",
          "[openocd][tcl]") {
  Fixture f;
  f.start([](FakeTclLink& link) -> awaitable<void> {
    co_await link.command();
    co_await link.send("OK:" + std::string(tcl::kMaxFrame, 'x') + "\x1a");
    co_await link.command();
    co_await link.ok("small");
  });
  try {
    f.command("capture {huge}");
    FAIL("accepted an oversize reply");
  } catch (const ProbeError& e) {
    CHECK(e.code() == ProbeErrc::protocol);
    CHECK_THAT(e.what(),
               Catch::Contains("'capture {huge}'") && Catch::Contains("over 4194304 bytes"));
  }
  CHECK(f.command("echo") == "small");
  f.finish();
}

TEST_CASE("a reply without the wrapper's status is a protocol error", "[openocd][tcl]") {
  Fixture f;
  f.start([](FakeTclLink& link) -> awaitable<void> {
    co_await link.command();
    co_await link.send("SSH-2.0-OpenSSH\x1a");
  });
  CHECK_THROWS_WITH(f.command("version"), Catch::Contains("lacks the OK:/ERR: status"));
  f.finish();
}

TEST_CASE("a closed connection is a connection error, then the client refuses", "[openocd][tcl]") {
  Fixture f;
  f.start([](FakeTclLink& link) -> awaitable<void> {
    co_await link.command();
    co_await link.send("OK:partial");  // no terminator
    link.close();
  });
  try {
    f.command("version");
    FAIL("no error on EOF");
  } catch (const ProbeError& e) {
    CHECK(e.code() == ProbeErrc::connection);
    CHECK_THAT(e.what(),
               Catch::Contains("'version'") && Catch::Contains("OpenOCD closed the connection"));
  }
  CHECK_FALSE(f.client.connected());
  CHECK_THROWS_WITH(f.command("version"), Catch::Contains("was lost earlier"));
  f.finish();
}

TEST_CASE("no reply within the deadline is a TimeoutError naming the command", "[openocd][tcl]") {
  Fixture f;
  f.start([](FakeTclLink& link) -> awaitable<void> {
    co_await link.command();
    co_await pause(300ms);  // silent; the client gives up first
  });
  CHECK_THROWS_WITH(f.command("halt", 50ms),
                    Catch::Contains("'halt'") && Catch::Contains("timed out after 50 ms"));
  f.finish();
}

TEST_CASE("scripts that cannot be wrapped are refused before sending", "[openocd][tcl]") {
  Fixture f;
  f.start([](FakeTclLink& link) -> awaitable<void> {
    if (co_await link.command() != "echo ok") throw std::runtime_error("a bad script was sent");
    co_await link.ok("");
  });
  CHECK_THROWS_WITH(f.command("echo }"), Catch::Contains("unbalanced '}'"));
  CHECK(f.command("echo ok").empty());
  f.finish();
}

TEST_CASE("shutdown accepts the bare terminator and closes", "[openocd][tcl]") {
  Fixture f;
  f.start([](FakeTclLink& link) -> awaitable<void> {
    if (co_await link.frame() != "shutdown") throw std::runtime_error("expected raw shutdown");
    co_await link.send("\x1a");
    link.close();
  });
  run_coro(f.ctx, f.client.shutdown(5s));
  CHECK_FALSE(f.client.connected());
  f.finish();
}

TEST_CASE("connecting to a closed port is a connection error", "[openocd][tcl]") {
  asio::io_context ctx;
  TclRpcClient client(ctx.get_executor());
  asio::ip::tcp::endpoint endpoint;
  {
    asio::ip::tcp::acceptor a(ctx, {asio::ip::address_v4::loopback(), 0});
    endpoint = a.local_endpoint();
  }
  try {
    run_coro(ctx, client.connect(endpoint, 5s));
    FAIL("connected to a closed port");
  } catch (const ProbeError& e) {
    CHECK(e.code() == ProbeErrc::connection);
    CHECK_THAT(e.what(), Catch::Contains(std::to_string(endpoint.port())));
  }
}
