// Watchpoints in RspClient (Z2/z2) and run_until_stop(), against the scripted fake stub; and
// the watch fields of stop replies.
#include <boost/asio/io_context.hpp>
#include <catch2/catch.hpp>

#include "debug/probe_error.h"
#include "debug/rsp_client.h"
#include "debug/rsp_packet.h"
#include "debug/stop_reply.h"
#include "fake_rsp_stub.h"
#include "rsp_client_fixture.h"
#include "run_coro.h"

using namespace tr::probe;
using namespace std::chrono_literals;
namespace asio = boost::asio;
using asio::awaitable;
using tr::probe::test::FakeStubLink;
using tr::probe::test::FakeStubResult;
using Kind = rsp::RspEvent::Kind;

namespace {

using Fixture = tr::probe::test::RspClientFixture;
using tr::probe::test::kGenerous;

awaitable<void> expect_packet(FakeStubLink& link, std::string want, std::string reply) {
  const auto p = co_await link.packet();
  if (p != want) throw std::runtime_error("expected '" + want + "', got '" + p + "'");
  co_await link.reply(reply);
  co_await link.expect_ack();
}

}  // namespace

TEST_CASE("stop replies carry the watchpoint kind and address", "[rsp][watch]") {
  const auto w = rsp::parse_stop_reply("T05thread:p01.01;watch:40010004;");
  CHECK(w.code == 5);
  CHECK(w.thread == "p01.01");
  CHECK(w.watchpoint());
  CHECK(w.watch == rsp::WatchHit::write);
  CHECK(w.watch_address == 0x40010004u);
  CHECK(rsp::parse_stop_reply("T05rwatch:20000010;").watch == rsp::WatchHit::read);
  CHECK(rsp::parse_stop_reply("T05awatch:0000000051100004;").watch_address == 0x51100004u);
  const auto plain = rsp::parse_stop_reply("T02thread:01;");
  CHECK_FALSE(plain.watchpoint());
  CHECK(plain.watch_address == 0);
}

TEST_CASE("a malformed watchpoint address is a protocol error naming it", "[rsp][watch]") {
  CHECK_THROWS_WITH(rsp::parse_stop_reply("T05watch:zz12;"),
                    Catch::Contains("'zz12'") && Catch::Contains("not a 32-bit hex address"));
  CHECK_THROWS_WITH(rsp::parse_stop_reply("T05watch:;"),
                    Catch::Contains("not a 32-bit hex address"));
  CHECK_THROWS_WITH(rsp::parse_stop_reply("T05watch:100000000;"), Catch::Contains("'100000000'"));
}

TEST_CASE("insert and remove a write watchpoint with Z2/z2", "[rsp][watch]") {
  Fixture f;
  f.start([](FakeStubLink& link) -> awaitable<void> {
    co_await expect_packet(link, "Z2,40010004,4", "OK");
    co_await expect_packet(link, "z2,40010004,4", "OK");
    co_await expect_packet(link, "Z4,20000000,1", "OK");
  });
  f.run(f.client.insert_watchpoint(WatchpointKind::write, 0x40010004u, 4));
  f.run(f.client.remove_watchpoint(WatchpointKind::write, 0x40010004u, 4));
  f.run(f.client.insert_watchpoint(WatchpointKind::access, 0x20000000u, 1));
  f.finish_stub();
}

TEST_CASE("watchpoint refusals say what was refused", "[rsp][watch]") {
  Fixture f;
  f.start([](FakeStubLink& link) -> awaitable<void> {
    co_await expect_packet(link, "Z2,40010004,4", "");
    co_await expect_packet(link, "Z3,70000000,4", "E22");
    co_await expect_packet(link, "z2,40010004,4", "E01");
  });
  try {
    f.run(f.client.insert_watchpoint(WatchpointKind::write, 0x40010004u, 4));
    FAIL("no error");
  } catch (const ProbeError& e) {
    CHECK(e.code() == ProbeErrc::protocol);
    CHECK_THAT(e.what(), Catch::Contains("write watchpoint") && Catch::Contains("0x40010004") &&
                             Catch::Contains("does not support 'Z'"));
  }
  try {
    f.run(f.client.insert_watchpoint(WatchpointKind::read, 0x70000000u, 4));
    FAIL("no error");
  } catch (const ProbeError& e) {
    CHECK(e.code() == ProbeErrc::target);
    CHECK_THAT(e.what(), Catch::Contains("read watchpoint") && Catch::Contains("E22"));
  }
  CHECK_THROWS_WITH(f.run(f.client.remove_watchpoint(WatchpointKind::write, 0x40010004u, 4)),
                    Catch::Contains("removing the write watchpoint at 0x40010004"));
  f.finish_stub();
}

TEST_CASE("run_until_stop returns watchpoint stops and steps over the access to go on",
          "[rsp][watch]") {
  Fixture f;
  f.start([](FakeStubLink& link) -> awaitable<void> {
    co_await expect_packet(link, "Z2,40010004,4", "OK");
    if (co_await link.packet() != "c") throw std::runtime_error("expected c");
    co_await link.send("+");
    co_await link.send(rsp::frame("T05thread:p01.01;watch:40010004;"));
    co_await link.expect_ack();
    // Going on: the watchpoint comes off for one step over the access, then back on.
    const auto e = co_await link.next();  // a 0x03 would show up here
    if (e.kind != Kind::packet || e.payload != "z2,40010004,4") {
      throw std::runtime_error("expected z2 first, got '" + e.payload + "'");
    }
    co_await link.reply("OK");
    co_await link.expect_ack();
    co_await expect_packet(link, "s", "T05thread:p01.01;");
    co_await expect_packet(link, "Z2,40010004,4", "OK");
    if (co_await link.packet() != "c") throw std::runtime_error("expected c after the step");
    co_await link.send("+");
    co_await link.send(rsp::frame("T05thread:p01.01;watch:40010004;"));
    co_await link.expect_ack();
  });
  f.run(f.client.insert_watchpoint(WatchpointKind::write, 0x40010004u, 4));
  for (int i = 0; i < 2; ++i) {
    const auto stop = f.run(f.client.run_until_stop(kGenerous));
    CHECK(stop.watchpoint());
    CHECK(stop.watch_address == 0x40010004u);
    CHECK_FALSE(f.client.running());
  }
  f.finish_stub();
}

TEST_CASE("run_until_stop halts a target that does not stop in time", "[rsp][watch]") {
  Fixture f;
  f.start([](FakeStubLink& link) -> awaitable<void> {
    if (co_await link.packet() != "c") throw std::runtime_error("expected c");
    co_await link.send("+");
    const auto e = co_await link.next();  // nothing until the deadline, then 0x03
    if (e.kind != Kind::interrupt) throw std::runtime_error("expected 0x03, got " + e.payload);
    co_await link.send(rsp::frame("T02thread:p01.01;"));
    co_await link.expect_ack();
  });
  const auto stop = f.run(f.client.run_until_stop(50ms));
  CHECK(stop.code == 2);
  CHECK_FALSE(stop.watchpoint());
  CHECK_FALSE(f.client.running());
  f.finish_stub();
}
