#include "mlperf/board_throughput.h"

#include <catch2/catch.hpp>

#include "mlperf/submission_lines.h"

using namespace tr::harness;

namespace {

WindowResult window(const char* name, uint64_t ticks, uint32_t iterations) {
  WindowResult w;
  w.input = name;
  w.ticks = ticks;
  w.iterations = iterations;
  return w;
}

}  // namespace

TEST_CASE("a board's median throughput comes from its own clock", "[mlperf][throughput]") {
  BoardOutcome o;
  o.board = "m4-0";
  o.identity.timer_hz = 1000000;  // a standard-only DUT: laps in µs
  o.windows = {window("a", 18192390, 100), window("b", 10862042, 250), window("c", 2000000, 10)};
  auto t = mlperf::window_throughputs(o);
  REQUIRE(t.size() == 3);
  CHECK(t[0] == Approx(5.4968));
  CHECK(t[1] == Approx(23.01593015383295));
  CHECK(t[2] == Approx(5.0));
  CHECK(mlperf::board_median_throughput(o) == Approx(5.4968));
  CHECK(mlperf::median_throughput_line(mlperf::board_median_throughput(o)) ==
        "ulp-mlperf: Median throughput is      5.497 inf./sec.");
  o.identity.timer_hz = 25000000;  // the runner's SysTick: the same ticks are 25x shorter
  CHECK(mlperf::window_throughputs(o)[2] == Approx(125.0));
}

TEST_CASE("a board without a clock rate or with an empty window has no throughput",
          "[mlperf][throughput]") {
  BoardOutcome o;
  o.board = "m4-0";
  o.windows = {window("P0", 100, 1)};
  CHECK_THROWS_WITH(mlperf::window_throughputs(o),
                    Catch::Contains("m4-0") && Catch::Contains("0 Hz"));
  o.identity.timer_hz = 1000000;
  o.windows = {window("P0", 0, 1)};
  CHECK_THROWS_WITH(mlperf::window_throughputs(o), Catch::Contains("window P0"));
}
