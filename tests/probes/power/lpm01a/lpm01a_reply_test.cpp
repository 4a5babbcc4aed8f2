// Which line answers a command, and the capture limits the driver and simulator share.
#include <catch2/catch.hpp>
#include <cmath>
#include <string>

#include "power/lpm01a/lpm01a_reply.h"
#include "power/lpm01a/lpm01a_settings.h"
#include "power/lpm01a/lpm01a_stream_parser.h"

using namespace tr::power::lpm01a;

namespace {

// Feeds `bytes` to a matcher for `command`; returns whether it completed.
bool match(ReplyMatcher& m, std::string_view bytes) {
  Lpm01aStreamParser parser;
  std::vector<Lpm01aItem> items;
  parser.feed(bytes, items);
  for (const auto& i : items) {
    if (m.offer(i)) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("lpm01a reply: the ack after interleaved data and stale output", "[lpm01a]") {
  ReplyMatcher m("volt get");
  CHECK(match(m,
              "3393-08\r\n3334-08\r\nTimeStamp: 004s 000ms, buff 12%\r\n"
              "PowerShield > ack htc\r\n"  // another command's answer is not ours
              "PowerShield > ack volt get 3292-03\r\n"));
  CHECK(m.reply().ok);
  CHECK(m.reply().result == "3292-03");
}

TEST_CASE("lpm01a reply: output lines before the ack", "[lpm01a]") {
  ReplyMatcher m("powershield");
  CHECK(match(m, "PowerShield present 3A1B2-C3D4E-5F607\r\nPowerShield > ack powershield\r\n"));
  REQUIRE(m.reply().output.size() == 1);
  CHECK(m.reply().output[0] == "PowerShield present 3A1B2-C3D4E-5F607");
  CHECK(m.reply().result.empty());
}

TEST_CASE("lpm01a reply: an error waits for its detail", "[lpm01a]") {
  ReplyMatcher m("eventsrc d7 fal");
  CHECK_FALSE(match(m, "PowerShield > error eventsrc d7 fal\r\n"));
  CHECK(m.answered());
  CHECK_FALSE(m.complete());
  CHECK(m.offer(Lpm01aItem(Lpm01aItem::Kind::sample)) == false);  // data in between
  Lpm01aItem detail(Lpm01aItem::Kind::error_detail);
  detail.text = "unknown command";
  CHECK(m.offer(detail));
  CHECK_FALSE(m.reply().ok);
  CHECK(describe_error(m.reply()) == "'error eventsrc d7 fal' (Error detail: unknown command)");
}

TEST_CASE("lpm01a reply: error lines about other things are output", "[lpm01a]") {
  ReplyMatcher m("volt 1800m");
  CHECK(match(m, "error: voltage too low\r\nPowerShield > ack volt 1800m\r\n"));
  CHECK(m.reply().ok);
  CHECK(m.reply().output.size() == 1);
}

TEST_CASE("lpm01a settings: rates, outputs and formats", "[lpm01a]") {
  const double inf = INFINITY;
  CHECK_FALSE(capture_refusal(1e3, Output::energy, Format::ascii_dec, inf));
  CHECK_FALSE(capture_refusal(5e3, Output::current, Format::ascii_dec, inf));
  CHECK_FALSE(capture_refusal(100e3, Output::current, Format::bin_hexa, inf));
  CHECK_FALSE(capture_refusal(10e3, Output::current, Format::ascii_dec, 1.0));
  CHECK_FALSE(capture_refusal(20e3, Output::current, Format::ascii_dec, 0.5));

  auto why = capture_refusal(10e3, Output::current, Format::ascii_dec, inf);
  REQUIRE(why);
  CHECK_THAT(*why, Catch::Contains("at most 1000 ms") && Catch::Contains("bin_hexa"));
  why = capture_refusal(50e3, Output::current, Format::ascii_dec, 0.1);
  REQUIRE(why);
  CHECK_THAT(*why, Catch::Contains("cannot stream 50k Hz"));
  why = capture_refusal(20e3, Output::energy, Format::ascii_dec, 0.1);
  REQUIRE(why);
  CHECK_THAT(*why, Catch::Contains("up to 10 kHz"));
  why = capture_refusal(3000, Output::current, Format::ascii_dec, inf);
  REQUIRE(why);
  CHECK_THAT(*why, Catch::Contains("not 3k Hz") && Catch::Contains("100k 50k"));
  CHECK(capture_refusal(1e3, Output::energy, Format::bin_hexa, inf));
}
