// PowerMonitor: the surface the harness needs from any power monitor (PPK2, LPM01A, INA2xx
// hwmon, Otii, the modelled monitor of emulated boards). A session is open -> (start ->
// stop)* -> close. Captures are whole: stop() returns everything since start(), including
// what arrived before a failure (PowerTrace::ended_by_error), so nothing measured is lost.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <functional>
#include <optional>
#include <span>
#include <string>

#include "power/power_trace.h"

namespace tr::power {

struct MonitorCapabilities {
  bool markers = false;         // sees the runner's timestamp edges (logic input, GPI, D7)
  bool supply_control = false;  // can switch the DUT supply and set its voltage
  bool voltage = false;         // measures voltage per sample (otherwise supply_v is used)
  double max_rate_hz = 0.0;     // fastest sample rate the driver uses
  // False when the monitor cannot resolve one inference (hwmon: whole mA, ~35 ms updates);
  // reports then give mean power over long windows only and say why.
  bool per_inference_energy = false;
  std::string unfit_reason;  // filled when per_inference_energy is false
};

// Called from the monitor's executor as data arrives, for live display and long captures.
struct StreamListener {
  std::function<void(const PowerTrace& trace, std::size_t first_new_sample)> on_samples;
  std::function<void(const Marker&)> on_marker;
};

class PowerMonitor {
 public:
  virtual ~PowerMonitor() = default;

  // Connects and brings the device to a known idle state: a session left streaming by a
  // crashed run is stopped and its stale bytes drained before anything is asked.
  virtual boost::asio::awaitable<void> open() = 0;
  // Stops any capture and releases the device. Safe to call twice.
  virtual boost::asio::awaitable<void> close() = 0;

  // Starts a capture at `rate_hz` (0 = the driver's default; the rate used is in the trace).
  virtual boost::asio::awaitable<void> start(double rate_hz = 0.0) = 0;
  // Ends the capture and returns it. A device that failed mid-capture still returns what it
  // captured, with ended_by_error set; only a capture that never started throws.
  virtual boost::asio::awaitable<PowerTrace> stop() = 0;

  // DUT supply; PowerError(unsupported) unless capabilities().supply_control.
  virtual boost::asio::awaitable<void> set_supply(bool on, std::optional<double> volts) = 0;

  virtual MonitorCapabilities capabilities() const = 0;
  virtual std::string description() const = 0;  // e.g. "ppk2 on /dev/ttyACM0"

  void set_listener(StreamListener listener) { listener_ = std::move(listener); }

 protected:
  StreamListener listener_;
};

}  // namespace tr::power
