// WindowMonitor: the power monitor a rack binds to a board (`"monitor": SPEC`), driven around
// each timed window as the EEMBC energy runner does it: a capture starts before `infer` and
// stops after its reply, and the window's energy is integrated between the last two falling
// timestamp markers of that capture (power/energy/energy.h) and divided by its inferences.
//
// A monitor failure never fails the board: latency and accuracy stand on their own. The first
// failure (cannot open, unplugged mid-capture, a window without two markers) is kept, with
// every window measured before it; later windows are not captured.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "power/power_monitor.h"
#include "power/spec/monitor_spec.h"

namespace tr::harness {

// One window as the monitor saw it.
struct MeasuredWindow {
  // Energy per inference between the last two falling markers; empty when the monitor cannot
  // resolve one inference (MonitorCapabilities::per_inference_energy false).
  std::optional<double> energy_per_inference_j;
  std::optional<double> active_power_w;  // between those markers
  double capture_power_w = 0.0;          // mean over the whole capture
  double capture_s = 0.0;
  std::size_t markers = 0;  // falling markers in the capture
};

// What the report says about the monitor of one board's session.
struct MonitorOutcome {
  std::string spec;         // as the rack gives it
  std::string description;  // the driver's, e.g. "ppk2 on /dev/ttyACM0"
  power::MonitorCapabilities capabilities;
  std::string error;  // the first failure, naming the board and the window; empty if none
};

class WindowMonitor {
 public:
  // The driver the spec names (power::make_monitor); not yet opened.
  WindowMonitor(boost::asio::any_io_executor executor, const power::MonitorSpec& spec,
                std::string board);
  // For tests and other drivers: an existing monitor.
  WindowMonitor(std::unique_ptr<power::PowerMonitor> monitor, std::string spec, std::string board);

  // Opens the device and, if it can power the board, switches the supply on.
  boost::asio::awaitable<void> open();
  // Starts a capture for the window `label`; does nothing once the monitor has failed.
  boost::asio::awaitable<void> begin(const std::string& label);
  // Stops the capture begun for the same window and measures it; nullopt once failed.
  boost::asio::awaitable<std::optional<MeasuredWindow>> end(std::uint32_t inferences);
  // Stops any capture and releases the device; never throws (a failure joins the outcome).
  boost::asio::awaitable<void> close();

  bool usable() const { return monitor_ && outcome_.error.empty(); }
  const MonitorOutcome& outcome() const { return outcome_; }
  // Keeps the first failure (`what` names the step) and stops capturing.
  void fail(const std::string& what, const std::string& message);

 private:
  std::unique_ptr<power::PowerMonitor> monitor_;
  std::string board_;
  MonitorOutcome outcome_;
  std::string label_;
  bool opened_ = false;
  bool capturing_ = false;
};

// Summary of a trace for one window; throws power::EnergyError when a monitor with markers
// saw fewer than two falling ones.
MeasuredWindow measure_window(const power::PowerTrace& trace,
                              const power::MonitorCapabilities& capabilities,
                              const std::string& label, std::uint32_t inferences);

}  // namespace tr::harness
