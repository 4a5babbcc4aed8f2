// Energy integration against hand-computed values: piecewise-constant samples, partial samples
// at the edges, the MLPerf Tiny last-two-markers rule, medians and idle power.
#include "power/energy/energy.h"

#include <catch2/catch.hpp>

using namespace tr::power;
using Catch::Matchers::Contains;

namespace {

// 1 kHz at 3 V: 1 mA idle for samples 0-4 and 15-19, 10 mA during 5-14; a stray edge at 1 ms
// (the pin toggles before the window), then the window's edges at 5 ms and 15 ms.
PowerTrace burst_trace() {
  PowerTrace t;
  t.monitor = "test monitor on /dev/null";
  t.rate_hz = 1000.0;
  t.supply_v = 3.0;
  for (int i = 0; i < 20; ++i) t.append(i >= 5 && i < 15 ? 0.010f : 0.001f);
  t.mark(0.001);
  t.mark(0.005);
  t.mark(0.015);
  return t;
}

}  // namespace

TEST_CASE("energy_between integrates whole and partial samples exactly", "[power][energy]") {
  PowerTrace t;
  t.rate_hz = 1000.0;
  t.supply_v = 2.0;
  for (float ma : {1.0f, 2.0f, 3.0f, 4.0f}) t.append(ma * 1e-3f);
  // 2 V * (1 + 2 + 3 + 4) mA * 1 ms
  CHECK(energy_between(t, 0.0, 0.004) == Approx(2e-5));
  // Half of sample 0, all of 1, half of 2: 2 V * (0.5 + 2 + 1.5) mA * 1 ms
  CHECK(energy_between(t, 0.0005, 0.0025) == Approx(8e-6));
  // Inside one sample.
  CHECK(energy_between(t, 0.0031, 0.0034) == Approx(2.0 * 4e-3 * 0.0003));
  // Time after the last sample counts nothing.
  CHECK(energy_between(t, 0.003, 0.010) == Approx(8e-6));
  CHECK(energy_between(t, 0.002, 0.002) == 0.0);
  CHECK(mean_power_between(t, 0.0, 0.004) == Approx(2.0 * 2.5e-3));
  CHECK_THROWS_AS(energy_between(t, 0.003, 0.001), EnergyError);
  CHECK_THROWS_WITH(mean_power_between(t, 0.001, 0.001), Contains("empty interval"));
}

TEST_CASE("an irregular trace with voltages holds each sample until the next", "[power][energy]") {
  PowerTrace t;
  t.rate_hz = 100.0;  // the last sample lasts 10 ms
  t.append(0.010f, 5.0f, 0.0);
  t.append(0.020f, 4.0f, 0.010);
  t.append(0.030f, 3.0f, 0.030);
  // 10 mA * 5 V * 5 ms + 20 mA * 4 V * 20 ms + 30 mA * 3 V * 5 ms
  CHECK(energy_between(t, 0.005, 0.035) == Approx(2.5e-4 + 1.6e-3 + 4.5e-4));
  CHECK(energy_between(t, 0.0, 1.0) == Approx(5e-4 + 1.6e-3 + 9e-4));
}

TEST_CASE("a window's energy is between its last two markers, per inference", "[power][energy]") {
  const PowerTrace t = burst_trace();
  WindowSpec w;
  w.label = "in0";
  w.inferences = 5;
  const WindowEnergy e = window_energy(t, w);
  CHECK(e.markers == 3);
  CHECK(e.start_s == Approx(0.005));
  CHECK(e.stop_s == Approx(0.015));
  CHECK(e.start_sample == 5);
  CHECK(e.stop_sample == 15);
  // 3 V * 10 mA * 10 ms = 300 uJ over 5 inferences; 30 mW while active.
  CHECK(e.energy_j == Approx(3e-4));
  CHECK(e.energy_per_inference_j == Approx(6e-5));
  CHECK(e.mean_power_w == Approx(0.030));
  CHECK(e.duration_s() == Approx(0.010));
}

TEST_CASE("rising edges and markers outside the window are not counted", "[power][energy]") {
  PowerTrace t = burst_trace();
  t.mark(0.017, /*falling=*/false);
  WindowSpec w;
  w.label = "in0";
  w.begin_s = 0.004;  // leaves out the stray edge at 1 ms
  w.end_s = 0.018;
  const WindowEnergy e = window_energy(t, w);
  CHECK(e.markers == 2);
  CHECK(e.stop_s == Approx(0.015));
  w.edge = MarkerEdge::any;
  CHECK(window_energy(t, w).stop_s == Approx(0.017));
  w.edge = MarkerEdge::rising;
  CHECK_THROWS_WITH(window_energy(t, w), Contains("found 1 rising-edge marker (at 0.017 s)"));
}

TEST_CASE("a window with fewer than two markers says how many and where", "[power][energy]") {
  PowerTrace t = burst_trace();
  WindowSpec w;
  w.label = "in3";
  w.begin_s = 0.004;
  w.end_s = 0.010;
  CHECK_THROWS_WITH(window_energy(t, w),
                    Contains("window 'in3' [0.004 s, 0.01 s] of test monitor on /dev/null") &&
                        Contains("found 1 falling-edge marker (at 0.005 s) of 3 in the capture") &&
                        Contains("needs two"));
  t.markers.clear();
  t.ended_by_error = "ppk2 on /dev/pts/9 vanished";
  w.begin_s = 0.0;
  w.end_s = std::numeric_limits<double>::infinity();
  CHECK_THROWS_WITH(window_energy(t, w), Contains("(the whole capture)") &&
                                             Contains("found 0 falling-edge markers") &&
                                             Contains("ended early: ppk2 on /dev/pts/9 vanished"));
  w.inferences = 0;
  CHECK_THROWS_WITH(window_energy(burst_trace(), w), Contains("0 inferences"));
}

TEST_CASE("several windows in one capture, the median over them", "[power][energy]") {
  PowerTrace t;
  t.monitor = "sim";
  t.rate_hz = 1000.0;
  t.supply_v = 1.0;
  // Window a: 4 ms at 5 mA (2 inferences); window b: 6 ms at 5 mA (3 inferences);
  // window c: 2 ms at 10 mA (1 inference). Idle 1 mA between them.
  const int pattern[] = {1, 5, 5, 5, 5, 1, 1, 5, 5, 5, 5, 5, 5, 1, 1, 10, 10, 1};
  for (int ma : pattern) t.append(static_cast<float>(ma) * 1e-3f);
  for (double edge : {0.001, 0.005, 0.007, 0.013, 0.015, 0.017}) t.mark(edge);
  const WindowSpec specs[] = {{"a", 2, 0.0, 0.006, MarkerEdge::falling},
                              {"b", 3, 0.006, 0.014, MarkerEdge::falling},
                              {"c", 1, 0.014, 0.018, MarkerEdge::falling}};
  const auto windows = window_energies(t, specs);
  REQUIRE(windows.size() == 3);
  CHECK(windows[0].energy_per_inference_j == Approx(1e-5));  // 5 mA * 4 ms / 2
  CHECK(windows[1].energy_per_inference_j == Approx(1e-5));  // 5 mA * 6 ms / 3
  CHECK(windows[2].energy_per_inference_j == Approx(2e-5));  // 10 mA * 2 ms
  const EnergySummary s = summarize(windows);
  CHECK(s.energy_per_inference_j.median == Approx(1e-5));
  CHECK(s.energy_per_inference_j.max == Approx(2e-5));
  CHECK(s.energy_per_inference_j.n == 3);
  CHECK(s.mean_power_w.median == Approx(5e-3));
  CHECK(s.mean_power_w.max == Approx(1e-2));
  // Idle: samples 0, 5, 6, 13, 14, 17 at 1 mA, 1 V.
  const auto busy = busy_spans(windows);
  const auto idle = idle_power(t, busy, 0.001);
  REQUIRE(idle);
  CHECK(idle->duration_s == Approx(0.006));
  CHECK(idle->mean_power_w == Approx(1e-3));
}

TEST_CASE("spread_of takes numpy's median", "[power][energy]") {
  CHECK(spread_of({3.0, 1.0, 2.0}).median == 2.0);
  const Spread even = spread_of({4.0, 1.0, 3.0, 2.0});
  CHECK(even.median == 2.5);
  CHECK(even.min == 1.0);
  CHECK(even.max == 4.0);
  CHECK(even.n == 4);
  CHECK_THROWS_AS(spread_of({}), EnergyError);
  CHECK_THROWS_AS(summarize(std::span<const WindowEnergy>()), EnergyError);
}

TEST_CASE("idle power needs enough idle time and counts overlaps once", "[power][energy]") {
  const PowerTrace t = burst_trace();
  const TimeSpan window[] = {{0.005, 0.015}};
  const auto idle = idle_power(t, window, 0.005);
  REQUIRE(idle);
  CHECK(idle->duration_s == Approx(0.010));
  CHECK(idle->mean_power_w == Approx(3e-3));  // 1 mA at 3 V
  CHECK_FALSE(idle_power(t, window, 0.011));
  const TimeSpan overlapping[] = {{0.010, 0.016}, {0.004, 0.012}, {0.0185, 1.0}};
  const auto rest = idle_power(t, overlapping, 0.0);
  REQUIRE(rest);
  CHECK(rest->duration_s == Approx(0.0065));  // 0-4 ms, 16-18.5 ms
  CHECK(rest->mean_power_w == Approx(3e-3));
  const TimeSpan all[] = {{0.0, 0.020}};
  CHECK_FALSE(idle_power(t, all, 0.0));
}
