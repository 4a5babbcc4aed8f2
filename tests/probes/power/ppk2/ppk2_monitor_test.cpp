// Ppk2Monitor against Ppk2Simulator on a PTY: the known waveform's energy and markers come back.
#include <catch2/catch.hpp>
#include <cmath>
#include <string>

#include "power/power_error.h"
#include "ppk2_rig.h"

namespace {
using namespace tr::power;
using namespace tr::power::ppk2;
using tr::power::ppk2::test::Ppk2Rig;

constexpr double kDt = 1.0 / kSampleRateHz;

std::string note(const PowerTrace& t, const std::string& key) {
  for (const auto& [k, v] : t.notes) {
    if (k == key) return v;
  }
  return "<missing " + key + ">";
}

// Sum of current * volts * dt over samples [a, b): the trace read between two markers.
double trace_energy(const PowerTrace& t, std::size_t a, std::size_t b) {
  double e = 0.0;
  for (std::size_t i = a; i < b && i < t.size(); ++i) {
    e += static_cast<double>(t.current_a[i]) * t.volts_at(i) * (t.end_of(i) - t.start_of(i));
  }
  return e;
}

// Every marker the waveform put in the trace came back within one sample, and nothing else.
// Energy within 0.5 % between markers: every burst (start to end, an MLPerf window) and every
// period (start to next start). The idle gaps (end to next start) only with the spike filter
// off: the official filter replaces the 3 samples after the 25 -> 2 mA range switch by its
// rolling average, adding ~0.4 % to a 60 ms gap at 2 mA (and ~0.04 % to a period).
void check_against_waveform(const PowerTrace& t, const sim::Waveform& w, double pulse_s,
                            bool idle_gaps = false) {
  const std::vector<double> truth = w.marker_times(0.0, t.duration_s() - pulse_s);
  REQUIRE(truth.size() >= 4);
  REQUIRE(t.markers.size() == truth.size());
  for (std::size_t k = 0; k < truth.size(); ++k) {
    INFO("marker " << k << " true " << truth[k] << " s, seen " << t.markers[k].t_s << " s");
    CHECK(std::abs(t.markers[k].t_s - truth[k]) <= kDt + 1e-9);
    CHECK(t.markers[k].falling);
  }
  // truth[0] is a burst start (first=20m), so even k start bursts and odd k start gaps.
  for (std::size_t k = 0; k + 1 < truth.size(); ++k) {
    const bool burst = k % 2 == 0;
    std::vector<std::size_t> ends;
    if (burst || idle_gaps) ends.push_back(k + 1);
    if (burst && k + 2 < truth.size()) ends.push_back(k + 2);
    for (std::size_t e : ends) {
      const double want = w.energy_between(truth[k], truth[e]);
      const double got = trace_energy(t, t.markers[k].sample, t.markers[e].sample);
      INFO("markers " << k << ".." << e << ": " << got << " J vs " << want << " J");
      CHECK(std::abs(got - want) <= 0.005 * want);
    }
  }
}

Ppk2SimulatorOptions sim_with(const std::string& waveform, const std::string& faults = "") {
  Ppk2SimulatorOptions o;
  o.waveform = sim::Waveform::parse(waveform);
  o.faults = Ppk2Faults::parse(faults);
  return o;
}

}  // namespace

TEST_CASE("PPK2: driver recovers the energy and markers of a known waveform", "[power][ppk2]") {
  auto sim_options = sim_with("idle=2m,active=25m,period=100m,burst=40m,volts=3,ripple=4m");
  const double pulse = sim_options.marker_pulse_s;
  const sim::Waveform w = sim_options.waveform;
  Ppk2Rig rig(sim_options);
  rig.run(rig.monitor->open());
  REQUIRE(rig.monitor->metadata().has_value());
  CHECK(rig.monitor->metadata()->hw == 9173);
  rig.run(rig.monitor->set_supply(true, 3.0));
  const PowerTrace t = rig.capture(1.0);

  CHECK_FALSE(t.ended_by_error.has_value());
  CHECK(t.rate_hz == kSampleRateHz);
  CHECK(t.supply_v == 3.0);
  CHECK(t.size() > 90000);
  CHECK(note(t, "ppk2.lost_samples") == "0");
  CHECK(note(t, "ppk2.hw") == "9173");
  check_against_waveform(t, w, pulse);
  rig.run(rig.monitor->close());
  rig.run(rig.monitor->close());  // twice is fine
  CHECK_FALSE(rig.sim->stats().streaming);
}

TEST_CASE("PPK2: open sends stop, metadata query and the mode, set_supply the regulator",
          "[power][ppk2]") {
  Ppk2Rig rig;
  rig.run(rig.monitor->open());
  rig.run(rig.monitor->set_supply(true, 1.8));
  rig.sleep(0.05);
  const auto s = rig.sim->stats();
  const std::vector<std::uint8_t> want = {0x07, 0x19, 0x0C, 0x00, 0x0D, 0x0B, 0xB8,
                                          0x11, 0x02, 0x0D, 0x07, 0x08, 0x0C, 0x01};
  CHECK(s.commands == want);
  CHECK(s.vdd_mv == 1800);
  CHECK(s.dut_on);
  CHECK(s.mode == Ppk2Mode::source);
  rig.run(rig.monitor->set_supply(false, std::nullopt));
  rig.sleep(0.05);
  CHECK_FALSE(rig.sim->stats().dut_on);
  // Outside the PPK2's source range: refused before anything is sent.
  try {
    rig.run(rig.monitor->set_supply(true, 5.5));
    FAIL("5.5 V accepted");
  } catch (const PowerError& e) {
    CHECK(e.code() == PowerErrc::config);
    CHECK_THAT(e.what(), Catch::Contains("0.8..5 V"));
  }
}

TEST_CASE("PPK2: open after a crashed session drains the stale stream", "[power][ppk2]") {
  auto sim_options = sim_with("idle=2m,active=25m,period=100m,burst=40m,volts=3");
  Ppk2Rig rig(sim_options);
  SECTION("a previous host started a stream and died") {
    {
      Ppk2Monitor crashed(rig.ctx.get_executor(), rig.options);
      rig.run(crashed.open());
      rig.run(crashed.set_supply(true, 3.0));
      rig.run(crashed.start());
      rig.sleep(0.2);
    }  // destroyed without stop(): the port closes, the device keeps streaming
    rig.sleep(0.3);
    REQUIRE(rig.sim->stats().streaming);
  }
  SECTION("the device was already streaming when the simulator came up") {
    rig.sim.reset();
    rig.monitor.reset();
    sim_options.faults.streaming_at_start = true;
    rig.sim = std::make_unique<Ppk2Simulator>(sim_options);
    rig.sim->start();
    rig.options.port = rig.sim->port();
    rig.monitor = std::make_unique<Ppk2Monitor>(rig.ctx.get_executor(), rig.options);
    rig.sleep(0.3);
  }
  rig.run(rig.monitor->open());
  CHECK(rig.monitor->stale_bytes_drained() > 4000);
  CHECK_FALSE(rig.sim->stats().streaming);
  REQUIRE(rig.monitor->metadata().has_value());
  CHECK(rig.monitor->metadata()->r == Ppk2Metadata::example().r);
  rig.run(rig.monitor->set_supply(true, 3.0));
  const PowerTrace t = rig.capture(0.5);
  CHECK_FALSE(t.ended_by_error.has_value());
  CHECK(note(t, "ppk2.lost_samples") == "0");
  check_against_waveform(t, sim_options.waveform, sim_options.marker_pulse_s);
}

TEST_CASE("PPK2: unplug mid-capture keeps the samples and names the port", "[power][ppk2]") {
  auto sim_options = sim_with("idle=2m,active=25m,period=100m,burst=40m,volts=3", "unplug=0.5");
  Ppk2Rig rig(sim_options);
  rig.run(rig.monitor->open());
  rig.run(rig.monitor->set_supply(true, 3.0));
  std::size_t live_samples = 0;
  rig.monitor->set_listener(
      {[&](const PowerTrace& tr, std::size_t) { live_samples = tr.size(); }, nullptr});
  const PowerTrace t = rig.capture(1.0);
  REQUIRE(t.ended_by_error.has_value());
  CHECK_THAT(*t.ended_by_error, Catch::Contains(rig.sim->port()) &&
                                    Catch::Contains("disconnected") &&
                                    Catch::Contains("samples before it are kept"));
  CHECK(t.size() > 40000);  // about 0.5 s at 100 kS/s, minus what was in flight
  CHECK(t.size() <= 51000);
  CHECK(live_samples == t.size());
  CHECK(t.markers.size() >= 8);
  CHECK_NOTHROW(rig.run(rig.monitor->close()));
  // Reopening the vanished port is a clear configuration error, not a hang.
  try {
    rig.run(rig.monitor->open());
    FAIL("reopened an unplugged port");
  } catch (const PowerError& e) {
    CHECK(e.code() == PowerErrc::config);
    CHECK_THAT(e.what(), Catch::Contains(rig.sim->port()));
  }
}

TEST_CASE("PPK2: lost samples and a dropped byte keep time, losses are counted", "[power][ppk2]") {
  auto sim_options = sim_with("idle=2m,active=25m,period=100m,burst=40m,volts=3",
                              "lose=30000:37,dropbyte=61000,lose=75000:5");
  Ppk2Rig rig(sim_options);
  rig.run(rig.monitor->open());
  rig.run(rig.monitor->set_supply(true, 3.0));
  const PowerTrace t = rig.capture(1.0);
  CHECK_FALSE(t.ended_by_error.has_value());
  CHECK(note(t, "ppk2.lost_samples") == "43");  // 37 + 5 + the word that lost a byte
  CHECK(note(t, "ppk2.loss_events") == "3");
  CHECK(note(t, "ppk2.realigned_bytes") == "3");
  check_against_waveform(t, sim_options.waveform, sim_options.marker_pulse_s);
}

TEST_CASE("PPK2: a requested rate averages raw samples, markers keep 10 us", "[power][ppk2]") {
  auto sim_options = sim_with("idle=2m,active=25m,period=100m,burst=40m,volts=3");
  Ppk2Rig rig(sim_options);
  rig.run(rig.monitor->open());
  rig.run(rig.monitor->set_supply(true, 3.0));
  const PowerTrace t = rig.capture(0.6, 1000.0);
  CHECK(t.rate_hz == 1000.0);
  CHECK(note(t, "ppk2.decimation") == "100");
  CHECK(t.size() > 550);
  CHECK(t.size() < 700);
  const auto truth = sim_options.waveform.marker_times(0.0, t.duration_s() - 1e-3);
  REQUIRE(t.markers.size() >= truth.size());
  for (std::size_t k = 0; k < truth.size(); ++k) {
    CHECK(std::abs(t.markers[k].t_s - truth[k]) <= kDt + 1e-9);
    CHECK(t.markers[k].sample ==
          static_cast<std::size_t>(std::ceil(t.markers[k].t_s * 1000 - 1e-9)));
  }
  // 1 ms means of the idle current between bursts.
  CHECK(t.current_a[90] == Approx(0.002).epsilon(0.005));
}

TEST_CASE("PPK2: metadata is retried when the query goes unanswered", "[power][ppk2]") {
  Ppk2Options options;
  options.metadata_timeout = std::chrono::milliseconds(150);
  SECTION("answered on the third try") {
    Ppk2Rig rig(sim_with("", "nometa=2"), options);
    rig.run(rig.monitor->open());
    CHECK(rig.sim->stats().metadata_requests == 3);
    CHECK(rig.monitor->metadata()->hw == 9173);
  }
  SECTION("never answered") {
    options.metadata_attempts = 3;
    Ppk2Rig rig(sim_with("", "nometa=100"), options);
    try {
      rig.run(rig.monitor->open());
      FAIL("opened without metadata");
    } catch (const PowerError& e) {
      CHECK(e.code() == PowerErrc::timeout);
      CHECK_THAT(e.what(), Catch::Contains(rig.sim->port()) && Catch::Contains("3 attempts") &&
                               Catch::Contains("measurement port"));
    }
    CHECK(rig.sim->stats().metadata_requests == 3);
  }
}

TEST_CASE("PPK2: ampere-meter mode measures an external supply", "[power][ppk2]") {
  auto sim_options = sim_with("idle=2m,active=25m,period=100m,burst=40m,volts=3.3");
  Ppk2Options options;
  options.mode = Ppk2Mode::ampere;
  options.volts = 3.3;
  SECTION("spike filter on") {}
  SECTION("spike filter off: idle gaps too") {
    options.spike_filter = false;
  }
  Ppk2Rig rig(sim_options, options);
  rig.run(rig.monitor->open());
  rig.sleep(0.05);
  const auto s = rig.sim->stats();
  CHECK(s.mode == Ppk2Mode::ampere);
  CHECK(s.dut_on);
  try {
    rig.run(rig.monitor->set_supply(true, 1.8));
    FAIL("set a voltage in ampere mode");
  } catch (const PowerError& e) {
    CHECK(e.code() == PowerErrc::unsupported);
  }
  const PowerTrace t = rig.capture(0.5);
  CHECK(t.supply_v == 3.3);
  CHECK(note(t, "ppk2.spike_filter") == (options.spike_filter ? "on" : "off"));
  check_against_waveform(t, sim_options.waveform, sim_options.marker_pulse_s,
                         !options.spike_filter);
}

TEST_CASE("PPK2: bad options and misuse are clear errors", "[power][ppk2]") {
  boost::asio::io_context ctx;
  auto expect = [&](Ppk2Options o, PowerErrc code, const char* text) {
    try {
      Ppk2Monitor m(ctx.get_executor(), o);
      tr::probe::test::run_coro(ctx, m.open());
      FAIL("accepted");
    } catch (const PowerError& e) {
      CHECK(e.code() == code);
      CHECK_THAT(e.what(), Catch::Contains(text));
    }
  };
  Ppk2Options o;
  expect(o, PowerErrc::config, "no serial port");
  o.port = "/dev/tinyrack-no-ppk2";
  expect(o, PowerErrc::config, "/dev/tinyrack-no-ppk2");
  o.volts = 6.0;
  expect(o, PowerErrc::config, "0.8..5 V");
  o.volts = 3.0;
  o.marker_pin = 8;
  expect(o, PowerErrc::config, "D8");

  Ppk2Rig rig;
  try {
    rig.run(rig.monitor->start());
    FAIL("started before open");
  } catch (const PowerError& e) {
    CHECK(e.code() == PowerErrc::config);
  }
  rig.run(rig.monitor->open());
  try {
    rig.run(rig.monitor->stop());
    FAIL("stopped without a capture");
  } catch (const PowerError& e) {
    CHECK(e.code() == PowerErrc::config);
    CHECK_THAT(e.what(), Catch::Contains("start()"));
  }
  const auto caps = rig.monitor->capabilities();
  CHECK(caps.markers);
  CHECK(caps.per_inference_energy);
  CHECK(caps.max_rate_hz == kSampleRateHz);
}
