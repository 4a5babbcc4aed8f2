// HwmonMonitor: an INA2xx current monitor through the Linux ina2xx hwmon driver
// (power-monitors.md §5). It polls curr1_input (whole mA), in1_input (mV) and, when its LSB is
// finer than whole mA x bus voltage, power1_input (µW); each reading holds until the next
// (an irregular trace with time_s). The chip updates only every update_interval (35 ms by
// default) and sees no timestamp pin, so this monitor gives mean power over long windows, not
// energy per inference. A chip reset (0 V bus for a few hundred ms while the kernel
// re-initialises) is skipped and noted; a vanished device ends the capture, keeping what came
// before.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "power/hwmon/hwmon_device.h"
#include "power/power_error.h"
#include "power/power_monitor.h"

namespace tr::power::hwmon {

struct HwmonOptions {
  std::filesystem::path root = kSysfsHwmon;
  std::string device;  // "" = the only INA2xx; "hwmon3", a path, or a chip name
  // Written to update_interval on open (needs write access; the kernel snaps it to the
  // nearest averaging step). nullopt = leave the chip as it is.
  std::optional<int> update_interval_ms;
  std::chrono::milliseconds poll_interval{0};      // 0 = update_interval / 8, in 2..250 ms
  std::chrono::milliseconds reset_window{500};     // 0 V shorter than this = a chip reset
  std::chrono::milliseconds failure_window{1000};  // read errors tolerated this long
};

class HwmonMonitor final : public PowerMonitor {
 public:
  HwmonMonitor(boost::asio::any_io_executor executor, HwmonOptions options);
  ~HwmonMonitor() override = default;  // call close() (or stop()) first if capturing

  boost::asio::awaitable<void> open() override;
  boost::asio::awaitable<void> close() override;
  // rate_hz > 0 sets the polling rate (the chip still updates only every update_interval).
  boost::asio::awaitable<void> start(double rate_hz = 0.0) override;
  boost::asio::awaitable<PowerTrace> stop() override;
  boost::asio::awaitable<void> set_supply(bool on, std::optional<double> volts) override;
  MonitorCapabilities capabilities() const override;
  std::string description() const override;

  const HwmonDevice& device() const { return device_; }
  bool uses_power_input() const { return use_power_; }
  // Why the last capture ended early (disconnected, timeout...), if it did.
  std::optional<PowerErrc> capture_error() const { return capture_error_; }

 private:
  struct Reading {
    double t = 0.0;
    long curr1_ma = 0;
    long in1_mv = 0;
    long power1_uw = 0;
  };
  boost::asio::awaitable<void> settle_update_interval(int wanted);
  boost::asio::awaitable<void> poll_loop();
  // Reads one sample; false when the capture must end (capture_error_ and the trace say why).
  bool poll_once(double t);
  void accept(const Reading& r);
  void flush_zeros(bool keep);
  void end_capture(PowerErrc code, const std::string& why);
  double now_s() const;

  HwmonOptions options_;
  HwmonDevice device_;
  bool open_ = false;
  bool use_power_ = false;
  std::chrono::steady_clock::duration poll_period_{};

  bool capturing_ = false;
  bool polling_ = false;
  bool stop_requested_ = false;
  boost::asio::steady_timer poll_timer_;
  boost::asio::steady_timer poll_done_;
  std::chrono::steady_clock::time_point started_;
  PowerTrace trace_;
  std::optional<PowerErrc> capture_error_;
  bool seen_bus_ = false;               // a non-zero bus voltage was read this capture
  std::vector<Reading> pending_zeros_;  // 0 V readings: a chip reset, or the DUT off?
  std::size_t resets_ = 0;
  std::size_t zeros_skipped_ = 0;
  std::optional<double> failing_since_;  // first of a run of failed reads
};

}  // namespace tr::power::hwmon
