// ASCII lines and the byte stream: prompts, acks and errors, stray NULs, glued and cut values,
// TimeStamp and event lines, arbitrary chunking, and the switch to bin_hexa and back.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "power/lpm01a/lpm01a_line.h"
#include "power/lpm01a/lpm01a_stream_parser.h"

using namespace tr::power::lpm01a;
using Kind = Lpm01aItem::Kind;
using Catch::Matchers::WithinRel;

namespace {

std::vector<Lpm01aItem> parse(std::string_view bytes, std::size_t chunk = 0) {
  Lpm01aStreamParser parser;
  std::vector<Lpm01aItem> out;
  if (chunk == 0) {
    parser.feed(bytes, out);
  } else {
    for (std::size_t i = 0; i < bytes.size(); i += chunk) parser.feed(bytes.substr(i, chunk), out);
  }
  return out;
}

std::vector<Kind> kinds(const std::vector<Lpm01aItem>& items) {
  std::vector<Kind> out;
  for (const auto& i : items) out.push_back(i.kind);
  return out;
}

}  // namespace

TEST_CASE("lpm01a lines: answers with and without the prompt", "[lpm01a]") {
  auto items = parse(
      "PowerShield > ack htc\r\n"
      "PowerShield > ack volt get 3292-03\r\n"
      "ack freq 1k\n"
      "PowerShield present 3A1B2-C3D4E-5F607\r\n"
      "PowerShield > error volt 5\r\n"
      "PowerShield > Error detail: value out of range\r\n"
      "err freq 3k\r\n"
      "PowerShield > Acquisition completed\r\n");
  REQUIRE(kinds(items) == std::vector<Kind>{Kind::ack, Kind::ack, Kind::ack, Kind::text,
                                            Kind::error, Kind::error_detail, Kind::error,
                                            Kind::completed});
  CHECK(items[0].text == "htc");
  CHECK(items[1].text == "volt get 3292-03");
  CHECK(items[2].text == "freq 1k");
  CHECK(items[3].text == "PowerShield present 3A1B2-C3D4E-5F607");
  CHECK(items[4].text == "error volt 5");
  CHECK(items[5].text == "value out of range");
  CHECK(items[6].text == "err freq 3k");
}

TEST_CASE("lpm01a lines: samples, timestamps, events, NULs", "[lpm01a]") {
  const char raw[] =
      "6409-07\r\n1542-08\r\nTimeStamp: 001s 000ms, buff 07%\r\n\0"
      "6410-07\r\nevent 03 ris\r\n\0\0"
      "TimeStamp:>1234s 567ms, buff 99%\r\n"
      "event 104 fal\r\n";
  std::string_view bytes(raw, sizeof raw - 1);  // the literal holds NULs
  std::vector<Lpm01aItem> items;
  for (std::size_t chunk : {0ul, 1ul, 2ul, 5ul, 9ul}) {
    INFO("chunk " << chunk);
    items = parse(bytes, chunk);
    REQUIRE(kinds(items) == std::vector<Kind>{Kind::sample, Kind::sample, Kind::timestamp,
                                              Kind::sample, Kind::event, Kind::timestamp,
                                              Kind::event});
    CHECK_THAT(items[0].value, WithinRel(640.9e-6, 1e-12));
    CHECK_THAT(items[1].value, WithinRel(15.42e-6, 1e-12));
    CHECK(items[2].number == 1000);
    CHECK(items[2].buff == 7);
    CHECK_THAT(items[3].value, WithinRel(641.0e-6, 1e-12));
    CHECK(items[4].number == 3);
    CHECK(items[5].number == 1234567);
    CHECK(items[5].buff == 99);
    CHECK(items[6].number == 104);
  }
  Lpm01aStreamParser parser;
  std::vector<Lpm01aItem> out;
  parser.feed(bytes, out);
  CHECK(parser.nul_bytes() == 3);
}

TEST_CASE("lpm01a lines: glued and cut values", "[lpm01a]") {
  // Two values whose line end was lost: both are read.
  auto items = parse("6409-076410-07\r\n");
  REQUIRE(kinds(items) == std::vector<Kind>{Kind::sample, Kind::sample});
  CHECK_THAT(items[1].value, WithinRel(641.0e-6, 1e-12));

  // A value cut short, then a good one on its own line: one lost sample, one good.
  items = parse("6409-0\r\n6410-07\r\n");
  REQUIRE(kinds(items) == std::vector<Kind>{Kind::lost_sample, Kind::sample});
  CHECK(items[0].text == "6409-0");

  // A cut value glued to the next one: read from the right, the good value survives and the
  // cut one is lost, instead of misreading "6409-06" (6.4 mA).
  items = parse("6409-06410-07\r\n");
  REQUIRE(kinds(items) == std::vector<Kind>{Kind::lost_sample, Kind::sample});
  CHECK_THAT(items[1].value, WithinRel(641.0e-6, 1e-12));

  // A cut exponent glued to the next value: never 6409e-64.
  items = parse("6409-6410-07\r\n");
  REQUIRE(kinds(items) == std::vector<Kind>{Kind::lost_sample, Kind::sample});

  // A value glued in front of a TimeStamp line.
  items = parse("6409-07TimeStamp: 002s 000ms, buff 00%\r\n");
  REQUIRE(kinds(items) == std::vector<Kind>{Kind::sample, Kind::timestamp});
  CHECK(items[1].number == 2000);

  // Lines that only look like data stay text.
  items = parse("1.0.6\r\nTimeStamp: garbage\r\n");
  REQUIRE(kinds(items) == std::vector<Kind>{Kind::text, Kind::text});
}

TEST_CASE("lpm01a stream: bin_hexa capture between 'ack start' and F0 F4", "[lpm01a]") {
  std::string bytes = "PowerShield > ack start\r\n";
  bytes += std::string("\x52\xA0", 2);                              // 640.87 uA
  bytes += std::string("\xF0\xF3\x00\x00\x03\xE8\x05\xFF\xFF", 9);  // 1000 ms, buff 5 %
  bytes += std::string("\x52\xA0", 2);
  bytes += std::string("\xF0\xF4\xFF\xFF", 4);
  bytes += "PowerShield > Acquisition completed\r\n";
  for (std::size_t chunk : {0ul, 1ul, 3ul}) {
    INFO("chunk " << chunk);
    Lpm01aStreamParser parser;
    parser.set_binary_capture(true);
    std::vector<Lpm01aItem> out;
    if (chunk == 0) {
      parser.feed(bytes, out);
    } else {
      for (std::size_t i = 0; i < bytes.size(); i += chunk) {
        parser.feed(std::string_view(bytes).substr(i, chunk), out);
      }
    }
    REQUIRE(kinds(out) == std::vector<Kind>{Kind::ack, Kind::sample, Kind::timestamp, Kind::sample,
                                            Kind::end_of_acquisition, Kind::completed});
    CHECK_THAT(out[1].value, WithinRel(640.87e-6, 1e-4));
    CHECK(out[2].number == 1000);
    CHECK(out[2].buff == 5);
    CHECK_FALSE(parser.in_binary());
  }
  // Without bin_hexa armed, "ack start" is just an answer and the bytes stay text.
  Lpm01aStreamParser ascii;
  std::vector<Lpm01aItem> out;
  ascii.feed("PowerShield > ack start\r\n6409-07\r\n", out);
  CHECK(kinds(out) == std::vector<Kind>{Kind::ack, Kind::sample});
}
