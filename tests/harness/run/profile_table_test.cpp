#include "run/profile_table.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <string>

using Catch::Matchers::Contains;
using tr::report::Figure;
using tr::report::OperatorProfile;
using tr::report::ProfileInfo;

namespace {

Figure instructions(double v) {
  return {v, "instructions", "emulated", ""};
}

ProfileInfo two_ops() {
  ProfileInfo p;
  p.operators.push_back({0,
                         "CONV_2D",
                         {1, 49, 10, 1},
                         {1, 25, 5, 64},
                         Figure{640000, "MACs", "modelled", "b"},
                         instructions(1500000),
                         Figure{75, "%", "emulated", ""},
                         Figure{12345, "bytes", "modelled", "b"}});
  p.operators.push_back({1,
                         "RESHAPE",
                         {1, 25, 5, 64},
                         {1, 8000},
                         Figure{0, "MACs", "modelled", "b"},
                         instructions(500000),
                         Figure{25, "%", "emulated", ""},
                         Figure{8000, "bytes", "modelled", "b"}});
  p.operator_sum = instructions(2000000);
  p.hooked_total = instructions(2100000);
  p.unhooked_total = instructions(2050000);
  return p;
}

}  // namespace

TEST_CASE("shapes print as NxHxWxC", "[profile_table]") {
  CHECK(tr::harness::format_shape({1, 49, 10, 1}) == "1x49x10x1");
  CHECK(tr::harness::format_shape({7}) == "7");
  CHECK(tr::harness::format_shape({}) == "-");
}

TEST_CASE("the table has one row per operator and the honest totals", "[profile_table]") {
  const std::string t = tr::harness::format_profile_table(two_ops());
  INFO(t);
  // 2000000 of 2050000 un-hooked: 97.6 %; overhead 2100000 - 2050000 = 50000, 2.4 %.
  for (const char* part :
       {"instructions", "input -> output", "CONV_2D", "1x49x10x1 -> 1x25x5x64", "640000", "1500000",
        "75.0%", "12345", "RESHAPE", "2000000 instructions  (97.6% of the un-hooked inference)",
        "profiling overhead 50000 instructions, 2.4%",
        "2050000 instructions  (emulated, QEMU -icount)", "MACs                         640000"}) {
    CHECK_THAT(t, Contains(part));
  }
  // One header, two rows, four total lines.
  CHECK(std::count(t.begin(), t.end(), '\n') == 7);
}

TEST_CASE("a measured profile prints microseconds", "[profile_table]") {
  ProfileInfo p = two_ops();
  for (auto* f : {&p.operator_sum, &p.hooked_total, &p.unhooked_total}) {
    *f = Figure{f->value / 1000, "us", "measured", ""};
  }
  for (auto& op : p.operators) op.time = Figure{op.time.value / 1000, "us", "measured", ""};
  const std::string t = tr::harness::format_profile_table(p);
  INFO(t);
  CHECK_THAT(t, Contains("µs"));
  CHECK_THAT(t, Contains("1500.0"));
  CHECK_THAT(t, Contains("2050.0 µs  (measured, the board's timer)"));
  CHECK_FALSE(t.find("instructions") != std::string::npos);
}
