// Lpm01aMonitor against Lpm01aSimulator on a PTY, streaming in real time: energy and markers
// of a known waveform, bin_hexa, refusals, a crashed session's stale stream, and unplugging.
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <catch2/catch.hpp>
#include <chrono>
#include <cmath>
#include <memory>
#include <sstream>
#include <thread>

#include "power/lpm01a/lpm01a_monitor.h"
#include "power/lpm01a/lpm01a_simulator.h"
#include "power/power_error.h"
#include "probes/debug/run_coro.h"

using namespace tr::power;
using namespace std::chrono_literals;
using Catch::Matchers::Contains;
using Catch::Matchers::WithinRel;
using tr::probe::test::run_coro;
namespace asio = boost::asio;

namespace {

asio::awaitable<void> sleep_for(std::chrono::steady_clock::duration d) {
  asio::steady_timer t(co_await asio::this_coro::executor, d);
  co_await t.async_wait(asio::use_awaitable);
}

sim::Waveform test_waveform() {
  sim::Waveform w;  // edges on whole milliseconds: every sample is wholly idle or active
  w.volts = 3.0;
  w.idle_a = 0.002;
  w.active_a = 0.025;
  w.period_s = 0.100;
  w.active_s = 0.040;
  w.first_burst_s = 0.020;
  w.ripple_a = 0.004;
  return w;
}

Lpm01aSimulatorOptions sim_options() {
  Lpm01aSimulatorOptions o;
  o.device.waveform = test_waveform();
  return o;
}

Lpm01aOptions monitor_options(const Lpm01aSimulator& sim) {
  Lpm01aOptions o;
  o.path = sim.path();
  o.volts = 3.0;  // the waveform's supply, so its energies apply
  return o;
}

double trace_energy(const PowerTrace& t, std::size_t a, std::size_t b) {
  double e = 0.0;
  for (std::size_t i = a; i < b && i < t.size(); ++i) {
    e += static_cast<double>(t.current_a[i]) * t.volts_at(i) * (t.end_of(i) - t.start_of(i));
  }
  return e;
}

// One capture of about `seconds`.
asio::awaitable<PowerTrace> capture(Lpm01aMonitor& m, double seconds, double rate = 0.0) {
  co_await m.start(rate);
  co_await sleep_for(std::chrono::duration_cast<std::chrono::steady_clock::duration>(
      std::chrono::duration<double>(seconds)));
  co_return co_await m.stop();
}

// The acceptance check: markers within one sample of the waveform's edges, and energy between
// consecutive markers (each burst, each idle gap) within 0.5 %.
void check_against_waveform(const PowerTrace& trace, const sim::Waveform& w) {
  REQUIRE_FALSE(trace.ended_by_error);
  REQUIRE(trace.size() >= 500);
  const auto expected = w.marker_times(0.0, trace.duration_s());
  REQUIRE(trace.markers.size() + 1 >= expected.size());
  REQUIRE(trace.markers.size() <= expected.size());
  for (std::size_t i = 0; i < trace.markers.size(); ++i) {
    INFO("marker " << i);
    const double want = expected[i] * trace.rate_hz;
    CHECK(std::abs(static_cast<double>(trace.markers[i].sample) - want) <= 1.0);
  }
  for (std::size_t i = 0; i + 1 < trace.markers.size(); ++i) {
    INFO("markers " << i << ".." << i + 1);
    CHECK_THAT(trace_energy(trace, trace.markers[i].sample, trace.markers[i + 1].sample),
               WithinRel(w.energy_between(expected[i], expected[i + 1]), 0.005));
  }
  const std::size_t first = trace.markers.front().sample;
  const std::size_t last = trace.markers.back().sample;
  CHECK_THAT(
      trace_energy(trace, first, last),
      WithinRel(w.energy_between(expected.front(), expected[trace.markers.size() - 1]), 0.005));
}

bool has_note(const PowerTrace& t, const std::string& key) {
  for (const auto& [k, v] : t.notes) {
    if (k == key) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("lpm01a: energy and markers of a known waveform, through a noisy stream",
          "[lpm01a][integration]") {
  auto so = sim_options();
  so.device.faults.nul_after_timestamp = true;
  so.device.faults.glue_every = 53;
  so.device.faults.cut_every = 250;  // off the waveform's edges (see lpm01a_device_test)
  Lpm01aSimulator sim(so);
  sim.start();
  asio::io_context ctx;
  Lpm01aMonitor m(ctx.get_executor(), monitor_options(sim));
  std::size_t streamed = 0;
  m.set_listener({[&](const PowerTrace& t, std::size_t) { streamed = t.size(); }, {}});
  PowerTrace trace = run_coro(ctx, [&]() -> asio::awaitable<PowerTrace> {
    co_await m.open();
    PowerTrace t = co_await capture(m, 1.6);
    co_await m.close();
    co_return t;
  }());
  CHECK(m.board_id() == "3A1B2-C3D4E-5F607");
  CHECK(m.firmware() == "1.0.6");
  CHECK(trace.rate_hz == 1000.0);
  CHECK(trace.supply_v == 3.0);
  CHECK_THAT(trace.monitor, Contains(sim.path()));
  check_against_waveform(trace, so.device.waveform);
  CHECK(has_note(trace, "lost values"));
  CHECK(has_note(trace, "stray NUL bytes"));
  CHECK(streamed > 0);
}

TEST_CASE("lpm01a: current output at 5 kHz, and rates the board cannot stream",
          "[lpm01a][integration]") {
  Lpm01aSimulator sim(sim_options());
  sim.start();
  asio::io_context ctx;
  auto options = monitor_options(sim);
  options.output = lpm01a::Output::current;
  Lpm01aMonitor m(ctx.get_executor(), options);
  run_coro(ctx, m.open());
  PowerTrace trace = run_coro(ctx, capture(m, 1.2, 5000.0));
  CHECK(trace.rate_hz == 5000.0);
  check_against_waveform(trace, sim_options().device.waveform);

  // ascii_dec cannot stream 10 kHz for long: refused before anything is sent.
  try {
    run_coro(ctx, m.start(10000.0));
    FAIL("start(10 kHz) in ascii_dec was accepted");
  } catch (const PowerError& e) {
    CHECK(e.code() == PowerErrc::config);
    CHECK_THAT(e.what(), Contains(sim.path()) && Contains("bin_hexa") && Contains("10k Hz"));
  }
  CHECK_THROWS_WITH(run_coro(ctx, m.start(3000.0)), Contains("not 3k Hz"));
  // The board still works after the refusals.
  trace = run_coro(ctx, capture(m, 0.3, 1000.0));
  CHECK(trace.size() >= 250);
  run_coro(ctx, m.close());
  run_coro(ctx, m.close());  // twice is fine
}

TEST_CASE("lpm01a: bin_hexa current at 20 kHz", "[lpm01a][integration]") {
  auto so = sim_options();
  so.device.faults.info_records = true;
  Lpm01aSimulator sim(so);
  sim.start();
  asio::io_context ctx;
  auto options = monitor_options(sim);
  options.output = lpm01a::Output::current;
  options.format = lpm01a::Format::bin_hexa;
  options.rate_hz = 20000.0;
  Lpm01aMonitor m(ctx.get_executor(), options);
  CHECK_FALSE(m.capabilities().markers);
  CHECK_FALSE(m.capabilities().per_inference_energy);
  run_coro(ctx, m.open());
  PowerTrace trace = run_coro(ctx, capture(m, 1.1));
  run_coro(ctx, m.close());
  REQUIRE_FALSE(trace.ended_by_error);
  REQUIRE(trace.size() >= 10000);
  CHECK(trace.markers.empty());
  CHECK_THAT(trace_energy(trace, 0, trace.size()),
             WithinRel(so.device.waveform.energy_between(0.0, trace.duration_s()), 0.005));
  CHECK(has_note(trace, "board info"));
  CHECK_FALSE(has_note(trace, "bin_hexa framing"));
}

TEST_CASE("lpm01a: a board error names the command", "[lpm01a][integration]") {
  auto so = sim_options();
  so.device.has_eventsrc = false;  // firmware without D7 events
  Lpm01aSimulator sim(so);
  sim.start();
  asio::io_context ctx;
  Lpm01aMonitor m(ctx.get_executor(), monitor_options(sim));
  try {
    run_coro(ctx, m.open());
    FAIL("open() accepted a board that refuses eventsrc");
  } catch (const PowerError& e) {
    CHECK(e.code() == PowerErrc::refused);
    CHECK_THAT(e.what(), Contains(sim.path()) && Contains("'eventsrc d7 fal'") &&
                             Contains("Error detail: command not found"));
  }
  // Without markers the same board opens; refusals of single commands name them too.
  auto options = monitor_options(sim);
  options.markers = false;
  Lpm01aMonitor plain(ctx.get_executor(), options);
  run_coro(ctx, plain.open());
  try {
    run_coro(ctx, plain.command("freq 3k"));
    FAIL("freq 3k was accepted");
  } catch (const PowerError& e) {
    CHECK(e.code() == PowerErrc::refused);
    CHECK_THAT(e.what(), Contains("'freq 3k'") && Contains("frequency not supported"));
  }
  CHECK_THROWS_WITH(run_coro(ctx, plain.set_supply(true, 5.0)), Contains("1.8..3.3 V"));
  run_coro(ctx, plain.set_supply(true, 2.5));
  CHECK(plain.supply_volts() == 2.5);
  run_coro(ctx, plain.close());
}

TEST_CASE("lpm01a: start-up after a crashed session that left the board streaming",
          "[lpm01a][integration]") {
  auto so = sim_options();
  so.drop_commands_after_reopen = 1;  // the first `stop` is lost in the stale traffic
  Lpm01aSimulator sim(so);
  sim.start();
  asio::io_context ctx;
  {
    auto crashed = std::make_unique<Lpm01aMonitor>(ctx.get_executor(), monitor_options(sim));
    run_coro(ctx, crashed->open());
    run_coro(ctx, crashed->start());
    run_coro(ctx, sleep_for(300ms));
  }  // gone without stop, pwr off or hrc; the board keeps streaming into the tty
  run_coro(ctx, sleep_for(500ms));
  auto options = monitor_options(sim);
  options.timing.drain_max = 600ms;
  Lpm01aMonitor m(ctx.get_executor(), options);
  run_coro(ctx, m.open());
  CHECK(sim.stats().reattached >= 1);
  CHECK(sim.stats().dropped == 1);
  PowerTrace trace = run_coro(ctx, capture(m, 1.3));
  run_coro(ctx, m.close());
  check_against_waveform(trace, so.device.waveform);
}

TEST_CASE("lpm01a: unplugged mid-capture keeps the samples and says why", "[lpm01a][integration]") {
  auto so = sim_options();
  so.unplug_after_s = 0.6;
  Lpm01aSimulator sim(so);
  sim.start();
  asio::io_context ctx;
  Lpm01aMonitor m(ctx.get_executor(), monitor_options(sim));
  run_coro(ctx, m.open());
  PowerTrace trace = run_coro(ctx, capture(m, 1.2));
  CHECK(sim.stats().unplugged);
  REQUIRE(trace.ended_by_error);
  CHECK_THAT(*trace.ended_by_error,
             Contains(sim.path()) && Contains("disconnected") && Contains("capture kept"));
  CHECK(trace.size() >= 400);  // about 600 samples came before the unplug
  CHECK(trace.size() <= 800);
  CHECK_FALSE(trace.markers.empty());
  try {
    run_coro(ctx, m.start());
    FAIL("start() after an unplug succeeded");
  } catch (const PowerError& e) {
    CHECK(e.code() == PowerErrc::disconnected);
    CHECK_THAT(e.what(), Contains(sim.path()));
  }
  run_coro(ctx, m.close());  // nothing to release, and no throw
}

TEST_CASE("lpm01a: a missing port is a clear error", "[lpm01a][integration]") {
  asio::io_context ctx;
  Lpm01aOptions options;
  options.path = "/dev/tinyrack-no-such-lpm01a";
  Lpm01aMonitor m(ctx.get_executor(), options);
  try {
    run_coro(ctx, m.open());
    FAIL("open() of a missing port succeeded");
  } catch (const PowerError& e) {
    CHECK(e.code() == PowerErrc::config);
    CHECK_THAT(e.what(), Contains(options.path) && Contains("plugged in"));
  }
}

TEST_CASE("lpm01a: run_lpm01a_simulator prints the PTY path first and stops on time",
          "[lpm01a][integration]") {
  auto so = sim_options();
  so.duration_s = 0.3;
  std::ostringstream out;
  std::thread runner([&] { run_lpm01a_simulator(so, out); });
  runner.join();
  std::istringstream lines(out.str());
  std::string first;
  std::getline(lines, first);
  CHECK_THAT(first, Catch::StartsWith("/dev/pts/"));
  std::string second;
  std::getline(lines, second);
  CHECK_THAT(second, Contains("idle=0.002"));
}
