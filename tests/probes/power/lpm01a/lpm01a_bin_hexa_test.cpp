// bin_hexa words and F0 Fx records.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "power/lpm01a/lpm01a_bin_hexa.h"

using namespace tr::power::lpm01a;
using Kind = Lpm01aItem::Kind;
using Catch::Matchers::WithinRel;

namespace {

std::vector<Lpm01aItem> decode(const std::string& bytes, bool* ended = nullptr) {
  BinHexaDecoder decoder;
  std::vector<Lpm01aItem> out;
  for (char c : bytes) {
    bool end = decoder.feed(static_cast<std::uint8_t>(c), out);
    if (ended != nullptr && end) *ended = true;
  }
  return out;
}

}  // namespace

TEST_CASE("lpm01a bin_hexa: sample words", "[lpm01a]") {
  CHECK_THAT(bin_hexa_current(0x52A0), WithinRel(672.0 / 1048576.0, 1e-12));  // 640.87 uA
  CHECK(bin_hexa_word(672.0 / 1048576.0) == 0x52A0);
  for (double amps : {1e-9, 3.3e-7, 2.5e-5, 640.87e-6, 0.025, 0.19}) {
    INFO(amps);
    std::uint16_t w = bin_hexa_word(amps);
    CHECK((w >> 12) != 0xF);
    CHECK((w & 0xFFF) >= 0x100);  // the largest exponent keeps 9+ bits of mantissa
    CHECK_THAT(bin_hexa_current(w), WithinRel(amps, 4e-3));
  }
  auto items = decode(std::string("\x52\xA0\x01\x00", 4));
  REQUIRE(items.size() == 2);
  CHECK_THAT(items[0].value, WithinRel(640.87e-6, 1e-4));
  CHECK(items[1].value == 256.0);  // exponent 0: whole amperes (not a real reading)
}

TEST_CASE("lpm01a bin_hexa: metadata records", "[lpm01a]") {
  std::string bytes;
  bytes += std::string("\xF0\xF1", 2) + "overrun" + std::string("\xFF\xFF", 2);
  bytes += std::string("\xF0\xF2", 2) + "hello" + std::string("\xFF\xFF", 2);
  // A timestamp whose payload holds FF bytes: the record length is fixed, not FF-delimited.
  bytes += std::string("\xF0\xF3\x00\x00\xFF\xFF\x32\xFF\xFF", 9);
  bytes += std::string("\xF0\xF5\xFF\xFF", 4);
  bytes += std::string("\xF0\xF6\xFF\xFF", 4);
  bytes += std::string("\xF0\xF7\x0C\xE4\xFF\xFF", 6);  // 3300 mV
  bytes += std::string("\xF0\xF4\xFF\xFF", 4);
  bool ended = false;
  auto items = decode(bytes, &ended);
  REQUIRE(items.size() == 7);
  CHECK(items[0].kind == Kind::board_error);
  CHECK(items[0].text == "overrun");
  CHECK(items[1].kind == Kind::board_info);
  CHECK(items[1].text == "hello");
  CHECK(items[2].kind == Kind::timestamp);
  CHECK(items[2].number == 0xFFFF);
  CHECK(items[2].buff == 0x32);
  CHECK(items[3].kind == Kind::overcurrent);
  CHECK(items[4].kind == Kind::power_down);
  CHECK(items[5].kind == Kind::voltage);
  CHECK_THAT(items[5].value, WithinRel(3.3, 1e-12));
  CHECK(items[6].kind == Kind::end_of_acquisition);
  CHECK(ended);
}

TEST_CASE("lpm01a bin_hexa: lost bytes and broken records", "[lpm01a]") {
  // One byte lost before a sample: the F-nibble word is out of frame, the decoder slides.
  auto items = decode(std::string("\xA0\xF0\xF2", 3) + "x" + std::string("\xFF\xFF\x52\xA0", 4));
  REQUIRE(items.size() >= 2);
  CHECK(items.back().kind == Kind::sample);
  CHECK_THAT(items.back().value, WithinRel(640.87e-6, 1e-4));
  // A record without its FF FF end is reported, and decoding goes on.
  items = decode(std::string("\xF0\xF5\x00\x00\x52\xA0", 6));
  REQUIRE(items.size() >= 2);
  CHECK(items[0].kind == Kind::garbage);
  CHECK(items.back().kind == Kind::sample);
}
