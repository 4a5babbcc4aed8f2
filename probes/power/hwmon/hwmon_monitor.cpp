#include "power/hwmon/hwmon_monitor.h"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <cerrno>
#include <cstring>

namespace tr::power::hwmon {
namespace asio = boost::asio;
using asio::awaitable;
using namespace std::chrono_literals;

namespace {

constexpr auto kTuple = asio::as_tuple(asio::use_awaitable);
constexpr const char* kInputs[] = {"curr1_input", "in1_input", "power1_input"};

}  // namespace

HwmonMonitor::HwmonMonitor(asio::any_io_executor executor, HwmonOptions options)
    : options_(std::move(options)), poll_timer_(executor), poll_done_(executor) {}

awaitable<void> HwmonMonitor::open() {
  if (open_) co_return;
  device_ = resolve_ina2xx_device(options_.root, options_.device);
  if (options_.update_interval_ms) {
    if (!device_.update_interval_ms) {
      throw PowerError(PowerErrc::unsupported,
                       "hwmon " + device_.path.string() + ": an " + device_.chip.name +
                           " has no update_interval to set; leave update_interval_ms unset");
    }
    write_sysfs_value(device_.path / "update_interval", *options_.update_interval_ms);
    co_await settle_update_interval(*options_.update_interval_ms);
  }
  for (const char* file : kInputs) {
    const SysfsValue v = read_sysfs_value(device_.path / file);
    if (!v.value) {
      throw PowerError(PowerErrc::config,
                       "hwmon " + device_.path.string() + ": cannot read " + file + " (" +
                           (v.error != 0 ? std::strerror(v.error) : "'" + v.text + "'") +
                           "); check permissions and that the ina2xx driver is bound");
    }
  }
  open_ = true;
}

awaitable<void> HwmonMonitor::settle_update_interval(int wanted) {
  // sysfs answers a read-back at once with the snapped value; a fake tree may take a tick.
  const int expected = device_.chip.snap_update_interval(wanted);
  asio::steady_timer timer(poll_timer_.get_executor());
  const auto deadline = std::chrono::steady_clock::now() + 1s;
  SysfsValue v;
  for (;;) {
    v = read_sysfs_value(device_.path / "update_interval");
    if (v.value && *v.value == expected) break;
    if (std::chrono::steady_clock::now() > deadline) {
      throw PowerError(PowerErrc::timeout,
                       "hwmon " + device_.path.string() + ": update_interval reads '" + v.text +
                           "' 1 s after writing " + std::to_string(wanted) + " (expected " +
                           std::to_string(expected) + ", the nearest averaging step)");
    }
    timer.expires_after(5ms);
    co_await timer.async_wait(kTuple);
  }
  device_.update_interval_ms = expected;
}

awaitable<void> HwmonMonitor::close() {
  if (capturing_) co_await stop();
  open_ = false;
}

awaitable<void> HwmonMonitor::set_supply(bool, std::optional<double>) {
  throw PowerError(PowerErrc::unsupported,
                   description() +
                       " only measures: it cannot switch or set the DUT supply; use "
                       "a controllable supply or a monitor with supply control");
  co_return;
}

MonitorCapabilities HwmonMonitor::capabilities() const {
  MonitorCapabilities c;
  c.markers = false;
  c.supply_control = false;
  c.voltage = true;
  const int interval = device_.update_interval_ms.value_or(device_.chip.default_interval_ms);
  c.max_rate_hz = 1000.0 / interval;
  c.per_inference_energy = false;
  c.unfit_reason = "INA2xx hwmon reports whole milliamps (curr1_input) and updates only every " +
                   std::to_string(interval) +
                   " ms (update_interval), and sees no timestamp pin: it gives mean power over "
                   "long windows, not energy per inference";
  return c;
}

std::string HwmonMonitor::description() const {
  if (device_.path.empty()) return "hwmon INA2xx under " + options_.root.string();
  return "hwmon " + device_.chip.name + " at " + device_.path.string();
}

double HwmonMonitor::now_s() const {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
}

}  // namespace tr::power::hwmon
