#include "common/text_format.h"

#include <catch2/catch.hpp>
#include <cstdint>
#include <string>

namespace {
template <typename F>
std::string fmt(F f) {
  char buf[40];
  f(buf, sizeof buf);
  return buf;
}
}  // namespace

TEST_CASE("integers format like printf", "[text_format]") {
  CHECK(fmt([](char* b, size_t n) { tr::format_uint(0, b, n); }) == "0");
  CHECK(fmt([](char* b, size_t n) { tr::format_uint(18446744073709551615ull, b, n); }) ==
        "18446744073709551615");
  CHECK(fmt([](char* b, size_t n) { tr::format_int(-42, b, n); }) == "-42");
  CHECK(fmt([](char* b, size_t n) { tr::format_int(INT64_MIN, b, n); }) ==
        "-9223372036854775808");
  CHECK(fmt([](char* b, size_t n) { tr::format_hex32(0x1a2bu, b, n); }) == "0x00001a2b");
}

TEST_CASE("fixed-point formatting rounds half away from zero", "[text_format]") {
  CHECK(fmt([](char* b, size_t n) { tr::format_fixed(0.0625f, 3, b, n); }) == "0.063");
  CHECK(fmt([](char* b, size_t n) { tr::format_fixed(-0.0625f, 3, b, n); }) == "-0.063");
  CHECK(fmt([](char* b, size_t n) { tr::format_fixed(1.0f, 3, b, n); }) == "1.000");
  CHECK(fmt([](char* b, size_t n) { tr::format_fixed(-0.0001f, 3, b, n); }) == "0.000");
  CHECK(fmt([](char* b, size_t n) { tr::format_fixed(-1.5f, 0, b, n); }) == "-2");
}

TEST_CASE("formatting never overruns a small buffer", "[text_format]") {
  char buf[4] = {'x', 'x', 'x', 'x'};
  CHECK(tr::format_uint(123456, buf, 4) == 3);
  CHECK(std::string(buf) == "123");
  char one[1] = {'x'};
  CHECK(tr::format_int(-5, one, 1) == 0);
  CHECK(one[0] == '\0');
}

TEST_CASE("token parsers reject junk and overflow", "[text_format]") {
  uint32_t v = 0;
  CHECK(tr::parse_uint32("4294967295", 10, v));
  CHECK(v == 4294967295u);
  CHECK_FALSE(tr::parse_uint32("4294967296", 10, v));
  CHECK_FALSE(tr::parse_uint32("", 0, v));
  CHECK_FALSE(tr::parse_uint32("12a", 3, v));
  CHECK(tr::parse_hex_uint32("0xCBF43926", 10, v));
  CHECK(v == 0xCBF43926u);
  CHECK(tr::parse_hex_uint32("cbf43926", 8, v));
  CHECK_FALSE(tr::parse_hex_uint32("0x", 2, v));
  CHECK_FALSE(tr::parse_hex_uint32("123456789", 9, v));
  CHECK_FALSE(tr::parse_hex_uint32("12g", 3, v));
}
