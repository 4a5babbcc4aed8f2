// Discovery, opening and the error paths of HwmonMonitor on the simulator's fake sysfs tree
// (captures: hwmon_capture_test.cpp).
#include "power/hwmon/hwmon_monitor.h"

#include <boost/asio/io_context.hpp>
#include <catch2/catch.hpp>
#include <sstream>

#include "power/hwmon/hwmon_simulator.h"
#include "probes/debug/run_coro.h"
#include "support/test_paths.h"

using tr::power::PowerErrc;
using tr::power::PowerError;
using tr::probe::test::run_coro;
using namespace tr::power::hwmon;
namespace asio = boost::asio;

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

template <class F>
PowerError error_of(F&& f) {
  try {
    f();
  } catch (const PowerError& e) {
    return e;
  }
  FAIL("no PowerError thrown");
  return PowerError(PowerErrc::config, "unreachable");
}

}  // namespace

TEST_CASE("discovery lists INA2xx devices and skips other hwmon devices") {
  const auto root = tr::test::scratch_dir("hwmon_discovery");
  HwmonSimulatorOptions o;
  o.root = root;
  HwmonSimulator sim(o);
  sim.start();

  const auto found = find_ina2xx_devices(root);
  REQUIRE(found.size() == 1);  // hwmon0 coretemp and hwmon1 nvme are skipped
  CHECK(found[0].path == root / "hwmon2");
  CHECK(found[0].chip.name == "ina226");
  CHECK(found[0].shunt_uohm == 10000);
  CHECK(found[0].update_interval_ms == 35);
  CHECK(resolve_ina2xx_device(root, "").path == root / "hwmon2");
  CHECK(resolve_ina2xx_device(root, "ina226").path == root / "hwmon2");
  CHECK(find_ina2xx_devices(root / "missing").empty());

  const PowerError none = error_of([&] { resolve_ina2xx_device(root, "hwmon0"); });
  CHECK(none.code() == PowerErrc::config);
  CHECK_THAT(none.what(), Catch::Contains("'hwmon0'"));
  CHECK_THAT(none.what(), Catch::Contains("hwmon2 (ina226)"));

  const PowerError foreign = error_of([&] { describe_ina2xx_device(root / "hwmon0"); });
  CHECK_THAT(foreign.what(), Catch::Contains("'coretemp'"));

  HwmonSimulatorOptions second = o;
  second.entry = "hwmon3";
  second.chip = "ina219";
  HwmonSimulator sim2(second);
  sim2.start();
  const PowerError two = error_of([&] { resolve_ina2xx_device(root, ""); });
  CHECK_THAT(two.what(), Catch::Contains("2 matches"));
  CHECK(resolve_ina2xx_device(root, "hwmon3").chip.name == "ina219");
  CHECK_FALSE(resolve_ina2xx_device(root, "hwmon3").update_interval_ms);
}

TEST_CASE("hwmon is unfit for per-inference energy and says why") {
  const auto root = tr::test::scratch_dir("hwmon_caps");
  HwmonSimulator sim(sim_at(root));
  sim.start();
  asio::io_context ctx;
  HwmonMonitor monitor(ctx.get_executor(), monitor_at(root));
  run_coro(ctx, monitor.open());
  const auto caps = monitor.capabilities();
  CHECK_FALSE(caps.per_inference_energy);
  CHECK_FALSE(caps.markers);
  CHECK_FALSE(caps.supply_control);
  CHECK(caps.max_rate_hz == Approx(1000.0 / 35));
  CHECK_THAT(caps.unfit_reason, Catch::Contains("whole milliamps"));
  CHECK_THAT(caps.unfit_reason, Catch::Contains("35 ms"));

  const PowerError supply = error_of([&] { run_coro(ctx, monitor.set_supply(true, 3.3)); });
  CHECK(supply.code() == PowerErrc::unsupported);
  CHECK_THAT(supply.what(), Catch::Contains((root / "hwmon2").string()));

  const PowerError early = error_of([&] { run_coro(ctx, monitor.stop()); });
  CHECK(early.code() == PowerErrc::config);
  run_coro(ctx, monitor.close());
}

TEST_CASE("a written update_interval is snapped like the kernel does") {
  const auto root = tr::test::scratch_dir("hwmon_interval");
  HwmonSimulator sim(sim_at(root));
  sim.start();
  asio::io_context ctx;
  HwmonOptions mo = monitor_at(root);
  mo.update_interval_ms = 100;
  HwmonMonitor monitor(ctx.get_executor(), mo);
  run_coro(ctx, monitor.open());
  CHECK(monitor.device().update_interval_ms == 141);
  CHECK(sim.update_interval_ms() == 141);
  CHECK(monitor.capabilities().max_rate_hz == Approx(1000.0 / 141));
  run_coro(ctx, monitor.close());
}

TEST_CASE("an INA219 has no update_interval to set") {
  const auto root = tr::test::scratch_dir("hwmon_ina219");
  HwmonSimulatorOptions so = sim_at(root);
  so.chip = "ina219";
  HwmonSimulator sim(so);
  sim.start();
  asio::io_context ctx;
  HwmonOptions mo = monitor_at(root);
  mo.update_interval_ms = 35;
  HwmonMonitor monitor(ctx.get_executor(), mo);
  const PowerError e = error_of([&] { run_coro(ctx, monitor.open()); });
  CHECK(e.code() == PowerErrc::unsupported);
  CHECK_THAT(e.what(), Catch::Contains("ina219"));
}

TEST_CASE("the simulator rejects what the kernel would") {
  HwmonSimulatorOptions chip = sim_at("/tmp/unused");
  chip.chip = "coretemp";
  CHECK_THROWS_AS(HwmonSimulator(chip), PowerError);
  HwmonSimulatorOptions shunt = sim_at("/tmp/unused");
  shunt.shunt_uohm = 3000000;  // INA226 shunts above 2.5 Ohm: -EINVAL
  CHECK_THROWS_AS(HwmonSimulator(shunt), PowerError);
}

TEST_CASE("run_hwmon_simulator prints the device folder first and stops after its duration") {
  const auto root = tr::test::scratch_dir("hwmon_run");
  HwmonSimulatorOptions o = sim_at(root);
  o.duration_s = 0.2;
  std::ostringstream out;
  CHECK(run_hwmon_simulator(o, out) == 0);
  CHECK(out.str() == (root / "hwmon2").string() + "\n");
  CHECK(read_sysfs_text(root / "hwmon2" / "name") == "ina226");
}
