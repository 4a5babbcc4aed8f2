#include "debug/rsp_decoder.h"

#include <catch2/catch.hpp>
#include <vector>

using tr::probe::rsp::RspDecoder;
using tr::probe::rsp::RspEvent;
using Kind = RspEvent::Kind;

namespace {

std::vector<RspEvent> drain(RspDecoder& d) {
  std::vector<RspEvent> out;
  while (auto e = d.next()) out.push_back(std::move(*e));
  return out;
}

}  // namespace

TEST_CASE("decoder yields acks, naks, interrupts and packets in order", "[rsp][decoder]") {
  RspDecoder d;
  const char wire[] = "+$OK#9a-\x03$S05#b8";
  d.feed(std::string_view(wire, sizeof wire - 1));
  const auto events = drain(d);
  REQUIRE(events.size() == 5);
  CHECK(events[0].kind == Kind::ack);
  CHECK(events[1].kind == Kind::packet);
  CHECK(events[1].payload == "OK");
  CHECK(events[2].kind == Kind::nak);
  CHECK(events[3].kind == Kind::interrupt);
  CHECK(events[4].kind == Kind::packet);
  CHECK(events[4].payload == "S05");
  CHECK_FALSE(d.in_packet());
}

TEST_CASE("decoder reassembles packets split at every byte", "[rsp][decoder]") {
  const std::string wire = "+$T05thread:p01.01;#06";
  RspDecoder d;
  for (std::size_t i = 0; i + 1 < wire.size(); ++i) d.feed(wire.substr(i, 1));
  const auto ack = d.next();
  REQUIRE(ack);
  CHECK(ack->kind == Kind::ack);
  CHECK_FALSE(d.has_event());  // one checksum digit still missing
  CHECK(d.in_packet());
  d.feed(wire.substr(wire.size() - 1));
  const auto packet = d.next();
  REQUIRE(packet);
  CHECK(packet->kind == Kind::packet);
  CHECK(packet->payload == "T05thread:p01.01;");
  CHECK_FALSE(d.in_packet());
}

TEST_CASE("decoder reports bad checksums with the payload", "[rsp][decoder]") {
  RspDecoder d;
  d.feed("$OK#9b$OK#zz$OK#9A");
  const auto events = drain(d);
  REQUIRE(events.size() == 3);
  CHECK(events[0].kind == Kind::bad_checksum);
  CHECK(events[0].payload == "OK");
  CHECK(events[1].kind == Kind::bad_checksum);  // non-hex checksum digits
  CHECK(events[2].kind == Kind::packet);        // upper-case checksum digits are accepted
}

TEST_CASE("decoder skips junk between packets and restarts on '$'", "[rsp][decoder]") {
  RspDecoder d;
  d.feed("garbage\r\n$OK#9a noise $trunc$S05#b8");
  const auto events = drain(d);
  REQUIRE(events.size() == 2);
  CHECK(events[0].payload == "OK");
  CHECK(events[1].payload == "S05");
  CHECK(d.junk_bytes() == 9 + 7 + 6);  // "garbage\r\n", " noise ", "$trunc"
}

TEST_CASE("decoder keeps escaped '#' and '$' inside a packet", "[rsp][decoder]") {
  // "}" escapes the next byte: "}#" is data, not the end of the packet.
  const std::string payload = "a}#b}$c";
  RspDecoder d;
  d.feed("$" + payload + "#" + "00");
  auto e = d.next();
  REQUIRE(e);
  CHECK(e->payload == payload);  // (bad checksum here, but the framing is right)
  CHECK_FALSE(d.next());
}

TEST_CASE("decoder drops oversize packets and recovers", "[rsp][decoder]") {
  RspDecoder d(8);
  d.feed("$0123456789#00$OK#9a");
  const auto events = drain(d);
  REQUIRE(events.size() == 2);
  CHECK(events[0].kind == Kind::oversize);
  CHECK(events[0].payload.empty());
  CHECK(events[1].kind == Kind::packet);
  CHECK(events[1].payload == "OK");
}

TEST_CASE("clear_events forgets decoded but unread events", "[rsp][decoder]") {
  RspDecoder d;
  d.feed("$OK#9a+$S0");
  d.clear_events();
  CHECK_FALSE(d.has_event());
  d.feed("5#b8");  // the packet in progress survives
  auto e = d.next();
  REQUIRE(e);
  CHECK(e->payload == "S05");
}
