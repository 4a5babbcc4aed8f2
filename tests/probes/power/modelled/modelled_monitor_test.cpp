// The modelled monitor against hand-computed figures: ticks -> instructions -> cycles -> time
// at the part's clock, active current between the markers, sleep current around them, and an
// energy that does not depend on the sample rate.
#include "power/modelled/modelled_monitor.h"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>
#include <catch2/catch.hpp>

#include "power/power_error.h"

using namespace tr::power;
using Catch::Matchers::Contains;

namespace {

template <class T>
T run(boost::asio::awaitable<T> op) {
  boost::asio::io_context io;
  auto future = boost::asio::co_spawn(io, std::move(op), boost::asio::use_future);
  io.run();
  return future.get();
}

// nRF52840-like figures with a CPI that is not 1, so a missing factor shows.
PowerModel model() {
  PowerModel m;
  m.part = "test part";
  m.source = "test datasheet, table 1 [DS]";
  m.clock_hz = 64e6;
  m.supply_v = 3.0;
  m.run_current_a = 3.3e-3;
  m.sleep_current_a = 3.16e-6;
  m.cycles_per_instruction = 1.25;
  m.cpi_basis = "assumed";
  return m;
}

// infer 4 1 on a 25 MHz SysTick under -icount shift=0: 100000 ticks = 4e6 instructions.
EmulatedWindow window(const std::string& label = "in0") {
  return EmulatedWindow{label, 100'000, 25'000'000, 0, 4, 1};
}

struct Capture {
  PowerTrace trace;
  WindowSpec spec;
};

Capture capture(ModelledMonitor& monitor, double rate_hz, const EmulatedWindow& w = window()) {
  return run([&]() -> boost::asio::awaitable<Capture> {
    co_await monitor.open();
    co_await monitor.start(rate_hz);
    Capture c;
    c.spec = monitor.add_window(w);
    c.trace = co_await monitor.stop();
    co_await monitor.close();
    co_return c;
  }());
}

}  // namespace

TEST_CASE("emulated ticks become instructions as -icount defines them", "[power][modelled]") {
  // facts/qemu-boards.md §4: 6.0 M instructions = 150000 SysTick ticks at 25 MHz, shift=0.
  CHECK(EmulatedWindow{"", 150'000, 25'000'000, 0, 1, 0}.instructions() == Approx(6e6));
  CHECK(EmulatedWindow{"", 1'200'000, 25'000'000, 3, 1, 0}.instructions() == Approx(6e6));
  CHECK(EmulatedWindow{"", 250, 1'000'000, 0, 1, 0}.instructions() == Approx(250'000));
  CHECK(EmulatedWindow{"", 250, 0, 0, 1, 0}.instructions() == 0.0);
}

TEST_CASE("a timed window draws the run current between its markers", "[power][modelled]") {
  ModelledMonitor monitor(model(), {"m4-0", 10'000.0, 0.010, 50'000'000});
  const Capture c = capture(monitor, 0.0);
  const PowerTrace& t = c.trace;
  CHECK(t.provenance == Provenance::modelled);
  CHECK(t.monitor == "modelled test part at 64 MHz for m4-0");
  CHECK(t.rate_hz == 10'000.0);
  CHECK(t.supply_v == 3.0);
  // 4e6 instructions x 1.25 / 64 MHz = 78.125 ms; the warm-up (1e6 instructions) 19.53125 ms
  // after a 10 ms idle gap.
  REQUIRE(t.markers.size() == 2);
  CHECK(t.markers[0].t_s == Approx(0.010 + 0.01953125));
  CHECK(t.markers[1].t_s == Approx(0.010 + 0.01953125 + 0.078125));
  CHECK(t.start_of(t.markers[0].sample) == t.markers[0].t_s);  // edges on sample boundaries
  CHECK(t.start_of(t.markers[1].sample) == t.markers[1].t_s);
  CHECK(c.spec.begin_s == Approx(0.010));
  CHECK(c.spec.end_s == t.markers[1].t_s);
  CHECK(c.spec.inferences == 4);

  const WindowEnergy e = window_energy(t, c.spec);
  // 3 V x 3.3 mA x 78.125 ms = 773.4375 uJ, over 4 inferences.
  CHECK(e.energy_j == Approx(7.734375e-4).epsilon(1e-6));
  CHECK(e.energy_per_inference_j == Approx(7.734375e-4 / 4).epsilon(1e-6));
  CHECK(e.mean_power_w == Approx(9.9e-3).epsilon(1e-6));
  const TimeSpan busy[] = {{c.spec.begin_s, c.spec.end_s}};
  const auto idle = idle_power(t, busy, 0.005);
  REQUIRE(idle);
  CHECK(idle->mean_power_w == Approx(3.0 * 3.16e-6).epsilon(1e-6));
  CHECK(idle->duration_s >= 0.020);

  // No sample is longer than the grid interval, and samples follow each other.
  for (std::size_t i = 0; i + 1 < t.size(); ++i) {
    REQUIRE(t.end_of(i) > t.start_of(i));
    REQUIRE(t.end_of(i) - t.start_of(i) <= 1e-4 + 1e-12);
  }
  CHECK(t.end_of(t.size() - 1) - t.start_of(t.size() - 1) == Approx(1e-4));
  // The notes say what the figures rest on.
  bool has_cpi = false;
  for (const auto& [key, value] : t.notes)
    has_cpi = has_cpi || (key == "cycles_per_instruction" && value == "1.25");
  CHECK(has_cpi);
}

TEST_CASE("the modelled energy does not depend on the sample rate", "[power][modelled]") {
  ModelledMonitor monitor(model());
  for (double rate : {1'000.0, 7'777.0, 1'000'000.0}) {
    INFO("rate " << rate);
    const Capture c = capture(monitor, rate);
    CHECK(window_energy(c.trace, c.spec).energy_j == Approx(7.734375e-4).epsilon(1e-6));
    CHECK(energy_between(c.trace, 0.0, c.trace.duration_s()) > 7.734375e-4);
  }
}

TEST_CASE("the calibration factor scales the run current only", "[power][modelled]") {
  PowerModel m = model();
  m.calibration_k = 1.3;
  ModelledMonitor monitor(m);
  const Capture c = capture(monitor, 0.0);
  CHECK(window_energy(c.trace, c.spec).energy_j == Approx(1.3 * 7.734375e-4).epsilon(1e-6));
  const TimeSpan busy[] = {{c.spec.begin_s, c.spec.end_s}};
  CHECK(idle_power(c.trace, busy, 0.0)->mean_power_w == Approx(3.0 * 3.16e-6).epsilon(1e-6));
}

TEST_CASE("several windows in one capture keep their own markers", "[power][modelled]") {
  ModelledMonitor monitor(model());
  const auto [trace, specs] =
      run([&]() -> boost::asio::awaitable<std::pair<PowerTrace, std::vector<WindowSpec>>> {
        co_await monitor.open();
        co_await monitor.start(0.0);
        std::vector<WindowSpec> s;
        s.push_back(monitor.add_window(window("a")));
        s.push_back(monitor.add_window(EmulatedWindow{"b", 50'000, 25'000'000, 0, 2, 0}));
        auto t = co_await monitor.stop();
        co_return std::pair{std::move(t), std::move(s)};
      }());
  CHECK(trace.markers.size() == 4);
  const auto windows = window_energies(trace, specs);
  // b: 2e6 instructions over 2 inferences, the same cost per inference as a.
  CHECK(windows[1].energy_per_inference_j == Approx(windows[0].energy_per_inference_j));
  CHECK(windows[1].markers == 2);
}

TEST_CASE("misuse and impossible captures are PowerErrors naming the monitor",
          "[power][modelled]") {
  PowerModel bad = model();
  bad.clock_hz = 0.0;
  CHECK_THROWS_WITH(ModelledMonitor(bad), Contains("power model of test part: clock_hz"));
  bad = model();
  bad.part.clear();
  CHECK_THROWS_WITH(ModelledMonitor(bad), Contains("names no part"));

  ModelledMonitor monitor(model(), {"m4-0", 10'000.0, 0.010, 1000});
  CHECK_THROWS_WITH(monitor.add_window(window()),
                    Contains("for m4-0: add_window() outside a capture"));
  CHECK_THROWS_WITH(run(monitor.start(0.0)), Contains("start() before open()"));
  try {
    run(monitor.set_supply(true, 3.0));
    FAIL("set_supply should throw");
  } catch (const PowerError& e) {
    CHECK(e.code() == PowerErrc::unsupported);
  }
  run(monitor.open());
  run(monitor.start(0.0));
  CHECK_THROWS_WITH(monitor.add_window(EmulatedWindow{"z", 100, 25'000'000, 0, 0, 0}),
                    Contains("window 'z' has 0 inferences"));
  monitor.add_window(window());
  // 10 kHz over ~0.12 s is more than the 1000-sample limit of this monitor.
  CHECK_THROWS_WITH(run(monitor.stop()), Contains("use a lower sample rate"));
}

TEST_CASE("the listener sees the samples and markers of a capture", "[power][modelled]") {
  ModelledMonitor monitor(model());
  std::size_t samples = 0, markers = 0;
  monitor.set_listener({[&](const PowerTrace& t, std::size_t first) { samples = t.size() - first; },
                        [&](const Marker&) { ++markers; }});
  const Capture c = capture(monitor, 0.0);
  CHECK(samples == c.trace.size());
  CHECK(markers == 2);
  CHECK(monitor.capabilities().markers);
  CHECK(monitor.capabilities().per_inference_energy);
}
