// RspClient against a scripted fake stub on loopback: the protocol corners QEMU never shows.
#include "debug/rsp_client.h"

#include <boost/asio/io_context.hpp>
#include <catch2/catch.hpp>

#include "debug/probe_error.h"
#include "debug/rsp_packet.h"
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

// The QEMU qSupported reply, with an optional PacketSize override.
awaitable<void> answer_qsupported(FakeStubLink& link, std::string packet_size = "1000") {
  const auto p = co_await link.packet();
  if (!p.starts_with("qSupported")) throw std::runtime_error("expected qSupported, got " + p);
  co_await link.reply("PacketSize=" + packet_size + ";qXfer:features:read+;vContSupported+");
  co_await link.expect_ack();
}

}  // namespace

TEST_CASE("handshake reads PacketSize as hex and stays in ack mode without NoAck",
          "[rsp][client]") {
  Fixture f;
  f.start([](FakeStubLink& link) -> awaitable<void> { co_await answer_qsupported(link); });
  f.run(f.client.handshake());
  f.finish_stub();
  CHECK(f.client.packet_size() == 4096);
  CHECK_FALSE(f.client.no_ack());
  CHECK_THAT(f.client.features(), Catch::Contains("vContSupported+"));
}

TEST_CASE("handshake switches to no-ack mode when the stub offers it", "[rsp][client]") {
  Fixture f;
  f.start([](FakeStubLink& link) -> awaitable<void> {
    co_await link.packet();
    co_await link.reply("PacketSize=4000;QStartNoAckMode+");
    co_await link.expect_ack();
    if (co_await link.packet() != "QStartNoAckMode") throw std::runtime_error("no NoAck request");
    co_await link.reply("OK");
    co_await link.expect_ack();  // the last ack either side sends
    if (co_await link.packet() != "?") throw std::runtime_error("expected ?");
    co_await link.send(rsp::frame("S05"));  // no '+' from us now
    if (co_await link.packet() != "?") throw std::runtime_error("client acked in no-ack mode");
    co_await link.send(rsp::frame("S05"));
  });
  f.run(f.client.handshake());
  CHECK(f.client.no_ack());
  CHECK(f.client.packet_size() == 0x4000);
  CHECK(f.run(f.client.stop_reason()).code == 5);
  CHECK(f.run(f.client.stop_reason()).code == 5);
  f.finish_stub();
}

TEST_CASE("a '-' from the stub makes the client retransmit", "[rsp][client]") {
  Fixture f;
  int copies = 0;
  f.start([&copies](FakeStubLink& link) -> awaitable<void> {
    if (co_await link.packet() == "?") ++copies;
    co_await link.send("-");
    if (co_await link.packet() == "?") ++copies;
    co_await link.reply("S05");
    co_await link.expect_ack();
  });
  const auto stop = f.run(f.client.stop_reason());
  f.finish_stub();
  CHECK(copies == 2);
  CHECK(stop.code == 5);
}

TEST_CASE("the client gives up after the retransmit limit", "[rsp][client]") {
  Fixture f;
  f.start([](FakeStubLink& link) -> awaitable<void> {
    for (int i = 0; i < 4; ++i) {
      co_await link.packet();
      co_await link.send("-");
    }
  });
  try {
    f.run(f.client.transact("?", kGenerous));
    FAIL("no error");
  } catch (const ProbeError& e) {
    CHECK(e.code() == ProbeErrc::protocol);
    CHECK_THAT(e.what(), Catch::Contains("rejected '?' 4 times"));
  }
  f.finish_stub();
}

TEST_CASE("a reply with a bad checksum is answered with '-' and resent", "[rsp][client]") {
  Fixture f;
  f.start([](FakeStubLink& link) -> awaitable<void> {
    co_await link.packet();
    co_await link.send("+$S05#00");
    const auto e = co_await link.next();
    if (e.kind != Kind::nak) throw std::runtime_error("client did not send '-'");
    co_await link.send(rsp::frame("S05"));
    co_await link.expect_ack();
  });
  CHECK(f.run(f.client.stop_reason()).code == 5);
  f.finish_stub();
}

TEST_CASE("run-length encoded replies are expanded and short reads continue", "[rsp][client]") {
  Fixture f;
  f.start([](FakeStubLink& link) -> awaitable<void> {
    co_await answer_qsupported(link);
    if (co_await link.packet() != "m20000000,4") throw std::runtime_error("bad m");
    co_await link.reply("0*!000");  // RLE for eight '0'
    co_await link.expect_ack();
    if (co_await link.packet() != "m20000000,8") throw std::runtime_error("bad m 2");
    co_await link.reply("1122");  // fewer bytes than asked
    co_await link.expect_ack();
    const auto rest = co_await link.packet();
    if (rest != "m20000002,6") throw std::runtime_error("continued with " + rest);
    co_await link.reply("334455667* ");  // RLE: "33445566" + "7777"
    co_await link.expect_ack();
  });
  f.run(f.client.handshake());
  CHECK(f.run(f.client.read_memory(0x20000000, 4)) == std::vector<std::uint8_t>{0, 0, 0, 0});
  const auto bytes = f.run(f.client.read_memory(0x20000000, 8));
  CHECK(bytes == std::vector<std::uint8_t>{0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x77});
  f.finish_stub();
}

TEST_CASE("E NN replies become target errors naming the address", "[rsp][client]") {
  Fixture f;
  f.start([](FakeStubLink& link) -> awaitable<void> {
    co_await link.packet();
    co_await link.reply("E14");
    co_await link.expect_ack();
    co_await link.packet();
    co_await link.reply("E01");
    co_await link.expect_ack();
  });
  try {
    f.run(f.client.read_memory(0x70000000, 4));
    FAIL("no error");
  } catch (const ProbeError& e) {
    CHECK(e.code() == ProbeErrc::target);
    CHECK_THAT(e.what(), Catch::Contains("0x70000000") && Catch::Contains("E14") &&
                             Catch::Contains("m70000000,4"));
  }
  const std::vector<std::uint8_t> data = {1, 2, 3};
  CHECK_THROWS_WITH(f.run(f.client.write_memory(0x08000000, data)),
                    Catch::Contains("writing 3 bytes at 0x8000000") && Catch::Contains("E01"));
  f.finish_stub();
}

TEST_CASE("writes are split so every M packet fits PacketSize", "[rsp][client]") {
  Fixture f;
  std::vector<std::uint8_t> received;
  std::size_t largest = 0;
  f.start([&](FakeStubLink& link) -> awaitable<void> {
    co_await answer_qsupported(link, "100");  // 256 bytes
    while (received.size() < 1000) {
      const auto p = co_await link.packet();
      largest = std::max(largest, rsp::frame(p).size());
      const auto colon = p.find(':');
      const auto addr = rsp::parse_hex_number(p.substr(1, p.find(',') - 1));
      if (addr != 0x20000000 + received.size()) throw std::runtime_error("gap at " + p);
      const auto chunk = rsp::hex_decode(p.substr(colon + 1));
      received.insert(received.end(), chunk.begin(), chunk.end());
      co_await link.reply("OK");
      co_await link.expect_ack();
    }
  });
  f.run(f.client.handshake());
  std::vector<std::uint8_t> data(1000);
  for (std::size_t i = 0; i < data.size(); ++i) data[i] = static_cast<std::uint8_t>(i * 7);
  f.run(f.client.write_memory(0x20000000, data));
  f.finish_stub();
  CHECK(received == data);
  CHECK(largest <= 256);
  CHECK(largest > 200);  // and they are not needlessly small
}

TEST_CASE("monitor collects O output packets until OK", "[rsp][client]") {
  Fixture f;
  f.start([](FakeStubLink& link) -> awaitable<void> {
    const auto p = co_await link.packet();
    if (p != "qRcmd,696e666f206d74726565202d66") throw std::runtime_error("bad qRcmd " + p);
    co_await link.reply("O" + rsp::hex_encode(std::string_view("memory-region: system\n")));
    co_await link.expect_ack();
    co_await link.send(rsp::frame("O" + rsp::hex_encode(std::string_view("  0-1 (prio 0)\n"))));
    co_await link.expect_ack();
    co_await link.send(rsp::frame("OK"));
    co_await link.expect_ack();
  });
  CHECK(f.run(f.client.monitor("info mtree -f")) == "memory-region: system\n  0-1 (prio 0)\n");
  f.finish_stub();
}

TEST_CASE("a stub that never answers times out", "[rsp][client]") {
  Fixture f;
  f.start([](FakeStubLink& link) -> awaitable<void> {
    co_await link.packet();
    co_await link.send("+");  // acks, then silence
    co_await link.packet();   // the client's next request after the timeout
    co_await link.reply("S05");
    co_await link.expect_ack();
  });
  try {
    f.run(f.client.transact("?", 50ms));
    FAIL("no timeout");
  } catch (const TimeoutError& e) {
    CHECK_THAT(e.what(), Catch::StartsWith("reply to '?' from the GDB stub at 127.0.0.1:") &&
                             Catch::EndsWith("timed out after 50 ms"));
  }
  // The link stays usable after a timeout.
  CHECK(f.run(f.client.stop_reason()).code == 5);
  f.finish_stub();
}

TEST_CASE("the stub closing mid-transaction is a connection error", "[rsp][client]") {
  Fixture f;
  f.start([](FakeStubLink& link) -> awaitable<void> {
    co_await link.packet();
    co_await link.send("+");
    link.close();
  });
  try {
    f.run(f.client.transact("m0,4", kGenerous));
    FAIL("no error");
  } catch (const TimeoutError&) {
    FAIL("a closed connection must not look like a timeout");
  } catch (const ProbeError& e) {
    CHECK(e.code() == ProbeErrc::connection);
    CHECK_THAT(e.what(), Catch::Contains("lost the connection") && Catch::Contains("'m0,4'"));
  }
  CHECK_FALSE(f.client.connected());
  CHECK_THROWS_WITH(f.run(f.client.transact("?", kGenerous)), Catch::Contains("lost earlier"));
  f.finish_stub();
}

TEST_CASE("resume, then interrupt with 0x03, and nothing else is sent while running",
          "[rsp][client]") {
  Fixture f;
  f.start([](FakeStubLink& link) -> awaitable<void> {
    if (co_await link.packet() != "c") throw std::runtime_error("expected c");
    co_await link.send("+");
    const auto e = co_await link.next();  // the very next byte must be the interrupt
    if (e.kind != Kind::interrupt) throw std::runtime_error("expected 0x03, got " + e.payload);
    co_await link.send(rsp::frame("T02thread:01;"));
    co_await link.expect_ack();
  });
  f.run(f.client.resume());
  CHECK(f.client.running());
  CHECK_THROWS_WITH(f.run(f.client.transact("m0,4", kGenerous)),
                    Catch::Contains("while the target runs"));
  CHECK_THROWS_AS(f.run(f.client.read_memory(0, 4)), ProbeError);
  const auto stop = f.run(f.client.interrupt(kGenerous));
  CHECK(stop.code == 2);
  CHECK_FALSE(f.client.running());
  f.finish_stub();
}

TEST_CASE("a stop the target reached on its own is taken without sending 0x03", "[rsp][client]") {
  Fixture f;
  f.start([](FakeStubLink& link) -> awaitable<void> {
    if (co_await link.packet() != "c") throw std::runtime_error("expected c");
    co_await link.send("+" + rsp::frame("W07"));  // e.g. a semihosting exit
    co_await link.expect_ack();
    const auto e = co_await link.next();  // a 0x03 would show up here
    if (e.kind != Kind::packet || e.payload != "?") throw std::runtime_error("got a stray byte");
    co_await link.reply("W07");
    co_await link.expect_ack();
  });
  f.run(f.client.resume());
  const auto stop = f.run(f.client.interrupt(kGenerous));
  CHECK(stop.kind == rsp::StopReply::Kind::exited);
  CHECK(stop.code == 7);
  CHECK(f.run(f.client.stop_reason()).code == 7);
  f.finish_stub();
}

TEST_CASE("connect to a closed port is a connection error", "[rsp][client]") {
  asio::io_context ctx;
  asio::ip::tcp::endpoint endpoint;
  {
    asio::ip::tcp::acceptor a(ctx, {asio::ip::address_v4::loopback(), 0});
    endpoint = a.local_endpoint();
  }  // closed again: nobody listens there now
  RspClient client(ctx.get_executor());
  try {
    tr::probe::test::run_coro(ctx, client.connect(endpoint, kGenerous));
    FAIL("connected to nothing");
  } catch (const ProbeError& e) {
    CHECK(e.code() == ProbeErrc::connection);
    CHECK_THAT(e.what(), Catch::Contains("could not connect") &&
                             Catch::Contains(std::to_string(endpoint.port())));
  }
}
