// Numbers on the PowerShield wire: command arguments with suffixes, and DDDD±EE values.
#include <catch2/catch.hpp>
#include <cmath>

#include "power/lpm01a/lpm01a_number.h"

using namespace tr::power::lpm01a;
using Catch::Matchers::WithinRel;

TEST_CASE("lpm01a numbers: suffixed command arguments", "[lpm01a]") {
  CHECK_THAT(*parse_number("1800m"), WithinRel(1.8, 1e-12));
  CHECK_THAT(*parse_number("100u"), WithinRel(100e-6, 1e-12));
  CHECK_THAT(*parse_number("1k"), WithinRel(1000.0, 1e-12));
  CHECK_THAT(*parse_number("2-3"), WithinRel(2e-3, 1e-12));
  CHECK_THAT(*parse_number("5+02"), WithinRel(500.0, 1e-12));
  CHECK_THAT(*parse_number("3292-03"), WithinRel(3.292, 1e-12));
  CHECK_THAT(*parse_number("2.5"), WithinRel(2.5, 1e-12));
  CHECK(*parse_number("0") == 0.0);
  CHECK(std::isinf(*parse_number("inf")));
  CHECK_FALSE(parse_number(""));
  CHECK_FALSE(parse_number("m"));
  CHECK_FALSE(parse_number("1x"));
  CHECK_FALSE(parse_number("1-"));
  CHECK_FALSE(parse_number("1-2a"));
  CHECK_FALSE(parse_number("-5"));
}

TEST_CASE("lpm01a numbers: DDDD±EE samples", "[lpm01a]") {
  CHECK_THAT(*parse_sample_at("6409-07", 0), WithinRel(640.9e-6, 1e-12));
  CHECK_THAT(*parse_sample_at("1542-08", 0), WithinRel(15.42e-6, 1e-12));
  CHECK_THAT(*parse_sample_at("xx6409-07", 2), WithinRel(640.9e-6, 1e-12));
  CHECK(*parse_sample_at("0000+00", 0) == 0.0);
  CHECK_FALSE(parse_sample_at("6409-0", 0));   // cut short
  CHECK_FALSE(parse_sample_at("640a-07", 0));  // not digits
  CHECK_FALSE(parse_sample_at("6409*07", 0));  // no sign
  CHECK_FALSE(parse_sample_at("6409-64", 0));  // "6409-" glued to "6410-07"
  CHECK_FALSE(parse_sample_at("6409-01", 0));  // 640.9 A: more than the board can measure
  CHECK_FALSE(parse_sample_at("6409+02", 0));
}

TEST_CASE("lpm01a numbers: formatting as the board does", "[lpm01a]") {
  CHECK(format_sample(640.87e-6) == "6409-07");
  CHECK(format_sample(15.42e-6) == "1542-08");
  CHECK(format_sample(3.292) == "3292-03");
  CHECK(format_sample(0.0) == "0000+00");
  CHECK(format_sample(9.9996e-4) == "1000-06");  // rounding carries into the next decade
  CHECK(format_sample(1e-3) == "1000-06");
  for (double v : {1.234567e-9, 2.5e-5, 7.77e-2, 1.0e-12}) {
    CHECK_THAT(*parse_sample_at(format_sample(v), 0), WithinRel(v, 5e-4));
  }
  CHECK(format_millivolts(1.8) == "1800m");
  CHECK(format_millivolts(3.3) == "3300m");
  CHECK(format_freq(1000) == "1k");
  CHECK(format_freq(100e3) == "100k");
  CHECK(format_freq(500) == "500");
  CHECK(format_freq(1) == "1");
}
