#include "reports/statistic.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <stdexcept>

using tr::report::summarize;

TEST_CASE("summarize: odd count takes the middle value", "[report][statistic]") {
  const auto s = summarize({9, 1, 5}, "us", "measured");
  CHECK(s.median == 5);
  CHECK(s.min == 1);
  CHECK(s.max == 9);
  CHECK(s.n == 3);
  CHECK(s.unit == "us");
  CHECK(s.provenance == "measured");
  CHECK(s.basis.empty());
}

TEST_CASE("summarize: even count takes the mean of the two middle values", "[report][statistic]") {
  const auto s = summarize({4, 1, 3, 10}, "instructions", "emulated");
  CHECK(s.median == 3.5);
  CHECK(s.min == 1);
  CHECK(s.max == 10);
  CHECK(s.n == 4);
  CHECK(summarize({2, 3}, "us", "modelled").median == 2.5);
}

TEST_CASE("summarize: one value and repeated values", "[report][statistic]") {
  const auto one = summarize({42}, "us", "measured");
  CHECK(one.median == 42);
  CHECK(one.min == 42);
  CHECK(one.max == 42);
  CHECK(one.n == 1);
  const auto same = summarize({7, 7, 7, 7, 7}, "us", "measured");
  CHECK(same.median == 7);
  CHECK(same.n == 5);
}

TEST_CASE("summarize: negative and fractional values sort numerically", "[report][statistic]") {
  const auto s = summarize({-0.5, 10.25, -3, 2}, "us", "measured");
  CHECK(s.min == -3);
  CHECK(s.max == 10.25);
  CHECK(s.median == 0.75);
}

TEST_CASE("summarize rejects empty and non-finite input", "[report][statistic]") {
  CHECK_THROWS_AS(summarize({}, "us", "measured"), std::invalid_argument);
  CHECK_THROWS_AS(summarize({1, std::nan("")}, "us", "measured"), std::invalid_argument);
  CHECK_THROWS_AS(summarize({std::numeric_limits<double>::infinity()}, "us", "measured"),
                  std::invalid_argument);
}
