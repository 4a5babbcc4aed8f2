#include "power/power_trace.h"

#include <catch2/catch.hpp>

#include "power/power_error.h"

using tr::power::PowerTrace;

TEST_CASE("a uniform trace derives sample times from its rate") {
  PowerTrace t;
  t.rate_hz = 1000.0;
  t.supply_v = 3.0;
  for (int i = 0; i < 4; ++i) t.append(0.001f * static_cast<float>(i + 1));
  CHECK(t.uniform());
  CHECK(t.start_of(2) == Approx(0.002));
  CHECK(t.end_of(3) == Approx(0.004));
  CHECK(t.duration_s() == Approx(0.004));
  CHECK(t.volts_at(1) == 3.0);
}

TEST_CASE("markers point at the first sample at or after their edge") {
  PowerTrace t;
  t.rate_hz = 100000.0;
  t.mark(0.00002);   // exactly on sample 2
  t.mark(0.000025);  // between 2 and 3
  REQUIRE(t.markers.size() == 2);
  CHECK(t.markers[0].sample == 2);
  CHECK(t.markers[1].sample == 3);
}

TEST_CASE("an irregular trace keeps its own times and holds each sample until the next") {
  PowerTrace t;
  t.rate_hz = 1.0 / 0.035;
  t.supply_v = 5.0;
  t.append(0.010f, 4.9f, 0.0);
  t.append(0.020f, 5.1f, 0.034);
  t.append(0.030f, 5.0f, 0.071);
  CHECK_FALSE(t.uniform());
  CHECK(t.end_of(0) == Approx(0.034));
  CHECK(t.end_of(2) == Approx(0.106));
  CHECK(t.volts_at(1) == Approx(5.1));
  t.mark(0.05);
  CHECK(t.markers.back().sample == 2);
}

TEST_CASE("a voltage given late back-fills earlier samples with the supply voltage") {
  PowerTrace t;
  t.rate_hz = 10.0;
  t.supply_v = 1.8;
  t.append(0.5f);
  t.append(0.5f, 1.7f);
  REQUIRE(t.voltage_v.size() == 2);
  CHECK(t.volts_at(0) == Approx(1.8));
  CHECK(t.volts_at(1) == Approx(1.7));
}

TEST_CASE("power errors carry their code and category") {
  tr::power::PowerError e(tr::power::PowerErrc::disconnected, "ppk2 on /dev/pts/3 vanished");
  CHECK(e.code() == tr::power::PowerErrc::disconnected);
  std::error_code ec = tr::power::PowerErrc::timeout;
  CHECK(std::string(ec.category().name()) == "tinyrack.power");
  CHECK(tr::power::to_string(tr::power::Provenance::modelled) == std::string("modelled"));
}

#include "power/sim/waveform.h"

TEST_CASE("the simulators' waveform integrates exactly and marks every burst edge") {
  auto w = tr::power::sim::Waveform::parse("idle=2m,active=25m,period=100m,burst=40m,volts=3");
  CHECK(w.current_at(0.0) == Approx(0.002));
  CHECK(w.current_at(0.03) == Approx(0.025));
  // One whole period from a burst start: 3 V * (25 mA * 40 ms + 2 mA * 60 ms) = 3.36 mJ.
  CHECK(w.energy_between(0.02, 0.12) == Approx(3.36e-3));
  // Half a burst plus 10 ms idle.
  CHECK(w.energy_between(0.04, 0.07) == Approx(3.0 * (0.025 * 0.02 + 0.002 * 0.01)));
  auto m = w.marker_times(0.0, 0.25);
  REQUIRE(m.size() == 5);
  CHECK(m[0] == Approx(0.02));
  CHECK(m[1] == Approx(0.06));
  CHECK(m[4] == Approx(0.22));
  auto r = tr::power::sim::Waveform::parse("ripple=10m,burst=40m,period=100m,first=0");
  // Triangle ripple adds 10 mA * 40 ms / 2 of charge per burst.
  CHECK(r.energy_between(0.0, 0.1) ==
        Approx(r.volts * (r.active_a * 0.04 + 0.01 * 0.02 + r.idle_a * 0.06)));
  CHECK_THROWS_WITH(tr::power::sim::Waveform::parse("idle=2x"), Catch::Contains("'idle'"));
  CHECK_THROWS_WITH(tr::power::sim::Waveform::parse("burst=0.2"), Catch::Contains("burst"));
  CHECK_THROWS_WITH(tr::power::sim::Waveform::parse("speed=1"), Catch::Contains("unknown key"));
}
