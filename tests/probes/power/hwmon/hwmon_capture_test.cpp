// HwmonMonitor polling the simulator's fake sysfs tree in real time: mean power over a long
// window (both the curr1 x in1 and the power1 paths), a chip reset, and the device vanishing.
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <catch2/catch.hpp>
#include <functional>

#include "power/hwmon/hwmon_monitor.h"
#include "power/hwmon/hwmon_simulator.h"
#include "probes/debug/run_coro.h"
#include "support/test_paths.h"

using tr::power::PowerErrc;
using tr::power::PowerTrace;
using tr::power::sim::Waveform;
using tr::probe::test::run_coro;
using namespace tr::power::hwmon;
namespace asio = boost::asio;
using namespace std::chrono_literals;

namespace {

HwmonSimulatorOptions sim_at(const std::filesystem::path& root) {
  HwmonSimulatorOptions o;
  o.root = root;
  return o;
}

HwmonOptions monitor_at(const std::filesystem::path& root) {
  HwmonOptions o;
  o.root = root;
  return o;
}

// Time-weighted mean of current x volts over [t0, t1], each sample held until the next.
double mean_power(const PowerTrace& t, double t0, double t1) {
  double joules = 0.0;
  for (std::size_t i = 0; i < t.size(); ++i) {
    const double a = std::max(t0, t.start_of(i));
    const double b = std::min(t1, t.end_of(i));
    if (b > a) joules += static_cast<double>(t.current_a[i]) * t.volts_at(i) * (b - a);
  }
  return joules / (t1 - t0);
}

// Captures for `length`; `during` runs `at` into the capture (a fault).
asio::awaitable<PowerTrace> capture(HwmonMonitor& monitor, std::chrono::milliseconds length,
                                    std::chrono::milliseconds at = 0ms,
                                    std::function<void()> during = {}) {
  co_await monitor.start();
  asio::steady_timer timer(co_await asio::this_coro::executor);
  if (during) {
    timer.expires_after(at);
    co_await timer.async_wait(asio::use_awaitable);
    during();
    length -= at;
  }
  timer.expires_after(length);
  co_await timer.async_wait(asio::use_awaitable);
  co_return co_await monitor.stop();
}

std::string note(const PowerTrace& t, const std::string& key) {
  for (const auto& [k, v] : t.notes) {
    if (k == key) return v;
  }
  return "";
}

// Bursts every 10 ms: a 35 ms conversion holds 3.5 of them, so readings alternate between two
// values whose mean is the waveform's (the whole-mA rounding errors cancel over two).
constexpr const char* kBursts = "period=10m,burst=4m,first=0,volts=3.3";

}  // namespace

TEST_CASE("hwmon mean power over 2.94 s is within 0.5% (curr1 x in1, INA226 at 10 mOhm)") {
  const auto root = tr::test::scratch_dir("hwmon_mean_curr");
  HwmonSimulatorOptions so = sim_at(root);
  so.waveform = Waveform::parse(std::string("idle=10m,active=50m,") + kBursts);  // mean 26 mA
  HwmonSimulator sim(so);
  sim.start();
  asio::io_context ctx;
  HwmonOptions mo = monitor_at(root);
  mo.poll_interval = 2ms;
  HwmonMonitor monitor(ctx.get_executor(), mo);
  run_coro(ctx, monitor.open());
  const PowerTrace trace = run_coro(ctx, capture(monitor, 3050ms));
  run_coro(ctx, monitor.close());

  REQUIRE_FALSE(trace.ended_by_error);
  CHECK_FALSE(monitor.uses_power_input());
  CHECK_THAT(note(trace, "power_from"), Catch::Contains("curr1_input"));
  CHECK_FALSE(trace.uniform());
  CHECK(trace.supply_v == Approx(3.3));
  CHECK(trace.voltage_v.size() == trace.size());
  // Whole milliamps only: the trace never holds a fraction of a mA.
  for (float a : trace.current_a) CHECK(a * 1000.0f == Approx(std::round(a * 1000.0f)));

  const double window = 2.94;  // 42 pairs of conversions, 294 bursts
  const double expected = so.waveform.energy_between(0.0, window) / window;
  CHECK(mean_power(trace, 0.0, window) == Approx(expected).epsilon(0.005));
}

TEST_CASE("hwmon mean power uses power1_input when it is finer (INA226 at 2.5 Ohm)") {
  const auto root = tr::test::scratch_dir("hwmon_mean_power");
  HwmonSimulatorOptions so = sim_at(root);
  so.shunt_uohm = 2500000;
  so.waveform = Waveform::parse(std::string("idle=1m,active=10m,") + kBursts);  // mean 4.6 mA
  HwmonSimulator sim(so);
  sim.start();
  asio::io_context ctx;
  HwmonOptions mo = monitor_at(root);
  mo.poll_interval = 2ms;
  HwmonMonitor monitor(ctx.get_executor(), mo);
  run_coro(ctx, monitor.open());
  const PowerTrace trace = run_coro(ctx, capture(monitor, 2050ms));
  run_coro(ctx, monitor.close());

  REQUIRE_FALSE(trace.ended_by_error);
  CHECK(monitor.uses_power_input());
  CHECK_THAT(note(trace, "power_from"), Catch::Contains("25 uW"));
  const double window = 1.96;
  const double expected = so.waveform.energy_between(0.0, window) / window;
  CHECK(mean_power(trace, 0.0, window) == Approx(expected).epsilon(0.005));
}

TEST_CASE("hwmon skips the zero readings of a chip reset and notes it") {
  const auto root = tr::test::scratch_dir("hwmon_reset");
  HwmonSimulatorOptions so = sim_at(root);
  so.waveform = Waveform::parse(std::string("idle=10m,active=50m,") + kBursts);
  HwmonSimulator sim(so);
  sim.start();
  asio::io_context ctx;
  HwmonMonitor monitor(ctx.get_executor(), monitor_at(root));
  run_coro(ctx, monitor.open());
  const PowerTrace trace =
      run_coro(ctx, capture(monitor, 1200ms, 400ms, [&] { sim.reset_chip(0.345); }));
  run_coro(ctx, monitor.close());

  REQUIRE_FALSE(trace.ended_by_error);
  CHECK_THAT(note(trace, "chip_resets"), Catch::Contains("1 chip reset"));
  REQUIRE(trace.size() > 0);
  for (float v : trace.voltage_v) CHECK(v > 3.0f);  // no zero reading made it into the trace
  CHECK(trace.duration_s() > 1.1);                  // and the capture went on after it
}

TEST_CASE("hwmon keeps zeros that last: the DUT supply really went off") {
  const auto root = tr::test::scratch_dir("hwmon_off");
  HwmonSimulator sim(sim_at(root));
  sim.start();
  asio::io_context ctx;
  HwmonOptions mo = monitor_at(root);
  mo.reset_window = 200ms;
  HwmonMonitor monitor(ctx.get_executor(), mo);
  run_coro(ctx, monitor.open());
  const PowerTrace trace =
      run_coro(ctx, capture(monitor, 900ms, 200ms, [&] { sim.reset_chip(0.6); }));
  run_coro(ctx, monitor.close());

  std::size_t zeros = 0;
  for (float v : trace.voltage_v) zeros += v == 0.0f ? 1 : 0;
  CHECK(zeros > 0);
  CHECK(note(trace, "chip_resets").empty());
}

TEST_CASE("hwmon device removed mid-capture: disconnected, and the samples before are kept") {
  const auto root = tr::test::scratch_dir("hwmon_removed");
  HwmonSimulator sim(sim_at(root));
  sim.start();
  asio::io_context ctx;
  HwmonMonitor monitor(ctx.get_executor(), monitor_at(root));
  run_coro(ctx, monitor.open());
  const PowerTrace trace =
      run_coro(ctx, capture(monitor, 800ms, 400ms, [&] { sim.remove_device(); }));
  run_coro(ctx, monitor.close());

  REQUIRE(trace.ended_by_error);
  CHECK(monitor.capture_error() == PowerErrc::disconnected);
  CHECK_THAT(*trace.ended_by_error, Catch::Contains((root / "hwmon2").string()));
  CHECK_THAT(*trace.ended_by_error, Catch::Contains("vanished"));
  CHECK(trace.size() > 10);
  CHECK(trace.time_s.back() < 0.6);
}
