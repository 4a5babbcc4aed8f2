// HwmonMonitor's capture: the polling loop, chip-reset filtering and device removal.
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <cerrno>
#include <cstring>
#include <random>

#include "power/hwmon/hwmon_monitor.h"

namespace tr::power::hwmon {
namespace asio = boost::asio;
using asio::awaitable;
using std::chrono::duration_cast;
using std::chrono::steady_clock;

namespace {

std::string ms_text(double seconds) {
  return std::to_string(static_cast<long>(seconds * 1000.0 + 0.5)) + " ms";
}

}  // namespace

awaitable<void> HwmonMonitor::start(double rate_hz) {
  if (!open_) {
    throw PowerError(PowerErrc::config, "start() on " + description() + " before open()");
  }
  if (capturing_) {
    throw PowerError(PowerErrc::config,
                     "start() on " + description() + " while a capture runs; stop() it first");
  }
  const int interval = device_.update_interval_ms.value_or(device_.chip.default_interval_ms);
  std::chrono::duration<double> period(0.0);
  if (rate_hz > 0.0) {
    period = std::chrono::duration<double>(std::max(1e-3, 1.0 / rate_hz));
  } else if (options_.poll_interval.count() > 0) {
    period = options_.poll_interval;
  } else {
    period = std::chrono::milliseconds(std::clamp(interval / 8, 2, 250));
  }
  poll_period_ = duration_cast<steady_clock::duration>(period);

  // power1_input has its own LSB; curr1_input x in1_input resolves whole mA x bus voltage.
  const long shunt = device_.shunt_uohm;
  const SysfsValue bus = read_sysfs_value(device_.path / "in1_input");
  const double bus_v = bus.value && *bus.value > 0 ? static_cast<double>(*bus.value) / 1000 : 1.0;
  const double product_lsb_uw = std::max(1000, device_.chip.current_lsb_ua(shunt)) * bus_v;
  const int power_lsb_uw = device_.chip.power_lsb_uw(shunt);
  use_power_ = power_lsb_uw < product_lsb_uw;

  trace_ = PowerTrace{};
  trace_.monitor = description();
  trace_.provenance = Provenance::measured;
  trace_.rate_hz = 1.0 / period.count();
  trace_.notes = {
      {"chip", device_.chip.name},
      {"shunt_resistor_uohm", std::to_string(shunt)},
      {"update_interval_ms", std::to_string(interval)},
      {"poll_interval_ms", std::to_string(period.count() * 1000.0)},
      {"power_from", use_power_ ? "power1_input (LSB " + std::to_string(power_lsb_uw) + " uW)"
                                : "curr1_input x in1_input (whole mA x bus voltage)"}};
  capture_error_.reset();
  seen_bus_ = false;
  pending_zeros_.clear();
  resets_ = 0;
  zeros_skipped_ = 0;
  failing_since_.reset();

  started_ = steady_clock::now();
  capturing_ = true;
  stop_requested_ = false;
  polling_ = true;
  asio::co_spawn(poll_timer_.get_executor(), poll_loop(), [this](std::exception_ptr) {
    polling_ = false;
    poll_done_.cancel();
  });
  co_return;
}

awaitable<void> HwmonMonitor::poll_loop() {
  // Each poll interval is dithered by +-25%: a fixed interval can beat with the chip's
  // conversion period and see the updates of alternate readings consistently late, which
  // biases the held values' weights; dithering turns that into noise that averages out.
  std::minstd_rand rng(0x1a2b3c);
  std::uniform_real_distribution<double> dither(0.75, 1.25);
  auto next = started_;
  while (!stop_requested_) {
    if (!poll_once(now_s())) co_return;
    next += duration_cast<steady_clock::duration>(poll_period_ * dither(rng));
    const auto now = steady_clock::now();
    if (next < now) next = now;  // a stalled executor: skip, do not burst
    poll_timer_.expires_at(next);
    co_await poll_timer_.async_wait(asio::as_tuple(asio::use_awaitable));
  }
}

bool HwmonMonitor::poll_once(double t) {
  Reading r;
  r.t = t;
  std::vector<std::pair<const char*, long*>> files = {{"curr1_input", &r.curr1_ma},
                                                      {"in1_input", &r.in1_mv}};
  if (use_power_) files.emplace_back("power1_input", &r.power1_uw);
  for (auto [file, out] : files) {
    const SysfsValue v = read_sysfs_value(device_.path / file);
    if (v.value) {
      *out = *v.value;
      continue;
    }
    const std::string what =
        std::string(file) + ": " + (v.error != 0 ? std::strerror(v.error) : "'" + v.text + "'");
    std::error_code ec;
    if (v.error == ENOENT || v.error == ENODEV || !std::filesystem::exists(device_.path, ec)) {
      end_capture(PowerErrc::disconnected,
                  description() + " vanished mid-capture (" + what +
                      "); was the I2C device removed or the ina2xx driver unbound? The " +
                      std::to_string(trace_.size()) + " samples before are kept");
      return false;
    }
    if (!failing_since_) failing_since_ = t;
    if (t - *failing_since_ > std::chrono::duration<double>(options_.failure_window).count()) {
      end_capture(PowerErrc::disconnected,
                  description() + ": reads failing for " + ms_text(t - *failing_since_) + " (" +
                      what + "); is the I2C bus stuck? The samples before are kept");
      return false;
    }
    return true;  // a transient I2C error: try again at the next poll
  }
  failing_since_.reset();
  accept(r);
  return true;
}

void HwmonMonitor::accept(const Reading& r) {
  // A bus voltage of 0 after a live bus: a chip reset (the kernel re-initialises within
  // ~350 ms), or the DUT supply really went off; only time tells them apart. The current is
  // not looked at: whole mA read 0 for any DUT idling below 0.5 mA, and the inputs are read
  // one after another, so a reading may mix values from both sides of the reset.
  if (r.in1_mv == 0 && seen_bus_) {
    pending_zeros_.push_back(r);
    const double window = std::chrono::duration<double>(options_.reset_window).count();
    if (r.t - pending_zeros_.front().t > window) flush_zeros(true);
    return;
  }
  if (!pending_zeros_.empty()) flush_zeros(false);
  if (r.in1_mv != 0) seen_bus_ = true;

  const double volts = static_cast<double>(r.in1_mv) / 1000.0;
  double amps = static_cast<double>(r.curr1_ma) / 1000.0;
  if (use_power_) amps = volts > 0.0 ? static_cast<double>(r.power1_uw) * 1e-6 / volts : 0.0;
  trace_.append(static_cast<float>(amps), static_cast<float>(volts), r.t);
  if (trace_.supply_v == 0.0 && volts > 0.0) trace_.supply_v = volts;
  if (listener_.on_samples) listener_.on_samples(trace_, trace_.size() - 1);
}

void HwmonMonitor::flush_zeros(bool keep) {
  std::vector<Reading> zeros;
  zeros.swap(pending_zeros_);
  if (!keep) {
    ++resets_;
    zeros_skipped_ += zeros.size();
    return;
  }
  seen_bus_ = false;  // the supply is off: later zeros are real until the bus comes back
  for (const Reading& z : zeros) accept(z);
}

void HwmonMonitor::end_capture(PowerErrc code, const std::string& why) {
  capture_error_ = code;
  trace_.ended_by_error = why;
}

awaitable<PowerTrace> HwmonMonitor::stop() {
  if (!capturing_) {
    throw PowerError(PowerErrc::config,
                     "stop() on " + description() + " without a capture; call start() first");
  }
  stop_requested_ = true;
  poll_timer_.cancel();
  if (polling_) {
    poll_done_.expires_at(steady_clock::time_point::max());
    co_await poll_done_.async_wait(asio::as_tuple(asio::use_awaitable));
  }
  capturing_ = false;
  if (!pending_zeros_.empty()) {
    const double window = std::chrono::duration<double>(options_.reset_window).count();
    flush_zeros(now_s() - pending_zeros_.front().t > window);
  }
  if (resets_ > 0) {
    trace_.notes.emplace_back("chip_resets",
                              std::to_string(resets_) +
                                  " chip reset(s): " + std::to_string(zeros_skipped_) +
                                  " zero readings skipped, the reading before each held");
  }
  co_return std::move(trace_);
}

}  // namespace tr::power::hwmon
