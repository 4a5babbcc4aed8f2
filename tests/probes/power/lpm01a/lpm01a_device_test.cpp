// The simulator's board model without a PTY: answers, refusals, and the acquisition stream it
// generates for a given clock, read back through the driver's parser and capture.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "power/lpm01a/lpm01a_capture.h"
#include "power/lpm01a/lpm01a_device.h"
#include "power/lpm01a/lpm01a_stream_parser.h"

using namespace tr::power;
using namespace tr::power::lpm01a;
using Catch::Matchers::Contains;
using Catch::Matchers::WithinRel;

namespace {

Lpm01aDevice held_device(Lpm01aDeviceConfig config = {}) {
  Lpm01aDevice d(std::move(config));
  REQUIRE(d.handle("htc", 0.0) == "PowerShield > ack htc\r\n");
  return d;
}

// Energy of the samples in [a, b): the trace is piecewise constant.
double trace_energy(const PowerTrace& t, std::size_t a, std::size_t b) {
  double e = 0.0;
  for (std::size_t i = a; i < b && i < t.size(); ++i) {
    e += static_cast<double>(t.current_a[i]) * t.volts_at(i) / t.rate_hz;
  }
  return e;
}

}  // namespace

TEST_CASE("lpm01a device: answers and refusals", "[lpm01a]") {
  Lpm01aDevice d({});
  CHECK(d.handle("powershield", 0) ==
        "PowerShield present 3A1B2-C3D4E-5F607\r\nPowerShield > ack powershield\r\n");
  CHECK(d.handle("version", 0) == "PowerShield > ack version 1.0.6\r\n");
  CHECK(d.handle("status", 0) == "PowerShield > ack status ok\r\n");
  // Settings need host control first.
  CHECK_THAT(d.handle("freq 1k", 0), Contains("error freq 1k") && Contains("send htc first"));
  CHECK(d.handle("htc", 0) == "PowerShield > ack htc\r\n");
  CHECK(d.handle("volt get", 0) == "PowerShield > ack volt get 3300-03\r\n");
  CHECK(d.handle("volt 1800m", 0) == "PowerShield > ack volt 1800m\r\n");
  CHECK(d.handle("volt get", 0) == "PowerShield > ack volt get 1800-03\r\n");
  CHECK(d.handle("volt 5", 0) ==
        "PowerShield > error volt 5\r\nPowerShield > Error detail: voltage out of range "
        "1800m..3300m\r\n");
  CHECK_THAT(d.handle("freq 3k", 0), Contains("error freq 3k"));
  CHECK_THAT(d.handle("frobnicate", 0), Contains("Error detail: command not found"));
  CHECK(d.handle("lcd 1 \"MLPerf Tiny\"", 0) == "PowerShield > ack lcd 1 \"MLPerf Tiny\"\r\n");
  CHECK_THAT(d.handle("lcd 1 \"seventeen chars!!\"", 0), Contains("error lcd"));
  CHECK(d.handle("pwr on nostatus", 0) == "PowerShield > ack pwr on nostatus\r\n");
  CHECK(d.handle("pwr get", 0) == "PowerShield > ack pwr get on\r\n");
  CHECK_THAT(d.handle("stop", 0), Contains("error stop"));

  Lpm01aDeviceConfig old;
  old.has_eventsrc = false;
  Lpm01aDevice o = held_device(old);
  CHECK_THAT(o.handle("eventsrc d7 fal", 0), Contains("error eventsrc d7 fal"));
}

TEST_CASE("lpm01a device: rate limits at start", "[lpm01a]") {
  Lpm01aDevice d = held_device();
  d.handle("acqtime inf", 0);
  d.handle("freq 10k", 0);
  CHECK_THAT(d.handle("start", 0), Contains("error start") && Contains("at most 1000 ms"));
  d.handle("acqtime 1", 0);
  CHECK(d.handle("start", 0) == "PowerShield > ack start\r\n");
  // A finite acquisition ends by itself.
  std::string out = d.stream(2.0);
  CHECK_THAT(out, Contains("Acquisition completed"));
  CHECK(d.samples_sent() == 10000);
  CHECK_FALSE(d.acquiring());
  d.handle("output energy", 0);
  d.handle("freq 20k", 0);
  d.handle("acqtime 100m", 0);
  CHECK_THAT(d.handle("start", 0), Contains("up to 10 kHz"));
}

TEST_CASE("lpm01a device: the energy stream, markers and timestamps", "[lpm01a]") {
  Lpm01aDeviceConfig config;
  config.waveform.ripple_a = 0.004;
  config.faults.nul_after_timestamp = true;
  config.faults.glue_every = 53;  // glued values are read back exactly
  // A cut value is lost and its neighbour stands in: exact inside a burst or an idle stretch,
  // a whole step's sample off at an edge. Every 250th lands on samples 249, 499, ...: never
  // on an edge (20, 60, 120, ...).
  config.faults.cut_every = 250;
  Lpm01aDevice d = held_device(config);
  for (const char* c :
       {"acqtime inf", "eventsrc d7 fal", "output energy", "freq 1k", "volt 3000m"}) {
    REQUIRE_THAT(d.handle(c, 0), Contains("ack"));
  }
  REQUIRE(d.handle("start", 10.0) == "PowerShield > ack start\r\n");

  Lpm01aStreamParser parser;
  Lpm01aCapture capture("lpm01a test", 1000.0, Output::energy, 3.0);
  std::vector<Lpm01aItem> items;
  // The clock advances in uneven steps, as the simulator's thread does.
  for (double t = 10.0; t < 12.5; t += 0.0073) {
    items.clear();
    parser.feed(d.stream(t), items);
    for (const auto& i : items) capture.add(i);
  }
  items.clear();
  parser.feed(d.handle("stop", 12.5), items);
  bool completed = false;
  for (const auto& i : items) {
    capture.add(i);
    completed = completed || i.kind == Lpm01aItem::Kind::completed;
  }
  CHECK(completed);
  CHECK(parser.nul_bytes() == 2);
  PowerTrace trace = capture.finish(parser.nul_bytes());
  REQUIRE(trace.size() == 2500);

  const auto expected = config.waveform.marker_times(0.0, 2.5);
  REQUIRE(trace.markers.size() == expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    CHECK(trace.markers[i].sample == static_cast<std::size_t>(std::llround(expected[i] * 1000)));
  }
  // Every burst (start marker to end marker) and the whole span, as MLPerf integrates them.
  for (std::size_t i = 0; i + 1 < trace.markers.size(); ++i) {
    const auto& a = trace.markers[i];
    const auto& b = trace.markers[i + 1];
    INFO("markers " << i << ".." << i + 1);
    CHECK_THAT(trace_energy(trace, a.sample, b.sample),
               WithinRel(config.waveform.energy_between(expected[i], expected[i + 1]), 0.005));
  }
  CHECK_THAT(trace_energy(trace, 0, trace.size()),
             WithinRel(config.waveform.energy_between(0.0, 2.5), 0.002));
  bool noted_lost = false;
  for (const auto& [k, v] : trace.notes) noted_lost = noted_lost || k == "lost values";
  CHECK(noted_lost);
}

TEST_CASE("lpm01a capture: timestamps that disagree with the count are noted", "[lpm01a]") {
  Lpm01aCapture capture("lpm01a test", 1000.0, Output::current, 3.3);
  Lpm01aItem sample(Lpm01aItem::Kind::sample);
  sample.value = 1e-3;
  for (int i = 0; i < 990; ++i) capture.add(sample);  // 10 samples went missing on the link
  Lpm01aItem ts(Lpm01aItem::Kind::timestamp);
  ts.number = 1000;
  ts.buff = 42;
  capture.add(ts);
  capture.fail("LPM01A on /dev/x: gone");
  capture.add(sample);  // nothing after a failure
  PowerTrace t = capture.finish();
  CHECK(t.size() == 990);
  REQUIRE(t.ended_by_error);
  CHECK_THAT(*t.ended_by_error, Contains("gone") && Contains("990 samples"));
  std::string notes;
  for (const auto& [k, v] : t.notes) notes += k + ": " + v + "\n";
  CHECK_THAT(notes, Contains("timestamp check: 1 of 1") && Contains("board buffer peak: 42 %"));
}
