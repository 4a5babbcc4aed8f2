// LoadTimeline: grid samples split at load changes, markers on sample boundaries, padding.
#include "power/modelled/load_timeline.h"

#include <catch2/catch.hpp>

#include "power/energy/energy.h"

using namespace tr::power;

TEST_CASE("segments render on the grid, split where the load changes", "[power][modelled]") {
  LoadTimeline t;
  t.add(0.0025, 0.001);  // 2.5 ms idle
  t.mark();
  t.add(0.0010, 0.010);  // 1 ms active, 2.5-3.5 ms
  t.mark();
  t.add(0.0, 0.5);  // ignored
  PowerTrace trace;
  trace.supply_v = 2.0;
  t.render(trace, 1000.0, 0.001, 1000);
  // Starts: 0, 1, 2, 2.5 (edge), 3 (grid), 3.5 (edge), 4 (grid) ms; padded to 5 ms.
  const std::vector<double> starts = {0.0, 0.001, 0.002, 0.0025, 0.003, 0.0035, 0.004};
  REQUIRE(trace.size() == starts.size());
  for (std::size_t i = 0; i < starts.size(); ++i) CHECK(trace.start_of(i) == Approx(starts[i]));
  CHECK(trace.duration_s() == Approx(0.005));
  CHECK(trace.current_a[3] == Approx(0.010f));
  CHECK(trace.current_a[4] == Approx(0.010f));
  CHECK(trace.current_a[5] == Approx(0.001f));
  REQUIRE(trace.markers.size() == 2);
  CHECK(trace.markers[0].sample == 3);
  CHECK(trace.markers[1].sample == 5);
  // 2 V x (1 mA x 4 ms + 10 mA x 1 ms)
  CHECK(energy_between(trace, 0.0, trace.duration_s()) == Approx(2.0 * (0.004e-3 + 0.010e-3)));
}

TEST_CASE("equal neighbours merge, but never across a marker", "[power][modelled]") {
  LoadTimeline t;
  t.add(0.0005, 0.002);
  t.add(0.0005, 0.002);  // merges: no split at 0.5 ms
  t.mark();
  t.add(0.0005, 0.002);  // same current after a marker: a split at 1 ms stays
  PowerTrace trace;
  t.render(trace, 100.0, 0.002, 1000);
  REQUIRE(trace.markers.size() == 1);
  CHECK(trace.start_of(trace.markers[0].sample) == Approx(0.001));
  CHECK(trace.size() == 3);  // 0, 1 ms (marker), 10 ms (grid); padded to 20 ms
  CHECK(trace.duration_s() == Approx(0.020));
  t.clear();
  CHECK(t.empty());
  CHECK(t.now() == 0.0);
}
