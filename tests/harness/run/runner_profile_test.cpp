#include "run/runner_profile.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

using Catch::Matchers::Contains;
using tr::harness::parse_runner_profile;
using tr::harness::RunnerError;
using tr::harness::RunnerReply;

namespace {

RunnerReply reply(std::vector<std::string> lines) {
  return RunnerReply{std::move(lines)};
}

std::vector<std::string> good_lines() {
  return {"m-tr-prof_ops-[3]",     "m-tr-prof_op-[0,120]", "m-tr-prof_op-[1,3000]",
          "m-tr-prof_op-[2,0]",    "m-tr-prof_sum-[3120]", "m-tr-prof_hooked-[3300]",
          "m-tr-prof_plain-[3200]"};
}

}  // namespace

TEST_CASE("a tr-prof reply parses into ticks and totals", "[runner_profile]") {
  auto p = parse_runner_profile(reply(good_lines()));
  CHECK(p.op_ticks == std::vector<uint64_t>{120, 3000, 0});
  CHECK(p.sum_ticks == 3120);
  CHECK(p.hooked_ticks == 3300);
  CHECK(p.plain_ticks == 3200);
}

TEST_CASE("a model without operators is a valid profile", "[runner_profile]") {
  auto p = parse_runner_profile(reply(
      {"m-tr-prof_ops-[0]", "m-tr-prof_sum-[0]", "m-tr-prof_hooked-[9]", "m-tr-prof_plain-[8]"}));
  CHECK(p.op_ticks.empty());
  CHECK(p.plain_ticks == 8);
}

TEST_CASE("a wrong tr-prof reply names what is wrong", "[runner_profile]") {
  struct Case {
    const char* what;
    void (*edit)(std::vector<std::string>&);
    const char* message;
  };
  const Case cases[] = {
      {"runner error", [](auto& l) { l = {"e-[No model loaded: send tr-model first]"}; },
       "tr-prof failed: No model loaded"},
      {"no sum", [](auto& l) { l.erase(l.begin() + 4); }, "no m-tr-prof_sum line"},
      {"no plain total", [](auto& l) { l.pop_back(); }, "no m-tr-prof_plain line"},
      {"no op count", [](auto& l) { l.erase(l.begin()); }, "no m-tr-prof_ops line"},
      {"two sums", [](auto& l) { l.push_back("m-tr-prof_sum-[3120]"); },
       "more than one m-tr-prof_sum"},
      {"operators out of order", [](auto& l) { std::swap(l[1], l[2]); },
       "m-tr-prof_op-[1,3000] arrived where operator 0 was expected"},
      {"an operator missing", [](auto& l) { l.erase(l.begin() + 3); },
       "announced 3 operators but sent 2"},
      {"an operator line with one field", [](auto& l) { l[2] = "m-tr-prof_op-[1]"; },
       "is not [index,ticks]"},
      {"ticks that are not a number", [](auto& l) { l[2] = "m-tr-prof_op-[1,fast]"; }, "'fast'"},
      {"a sum that does not add up", [](auto& l) { l[4] = "m-tr-prof_sum-[3121]"; },
       "add up to 3120 ticks, its m-tr-prof_sum says 3121"},
      {"operators longer than the inference", [](auto& l) { l[5] = "m-tr-prof_hooked-[3000]"; },
       "more than the whole hooked inference (3000)"},
  };
  for (const auto& c : cases) {
    INFO(c.what);
    auto lines = good_lines();
    c.edit(lines);
    CHECK_THROWS_WITH(parse_runner_profile(reply(lines)), Contains(c.message));
  }
  CHECK_THROWS_AS(parse_runner_profile(reply({})), RunnerError);
}
