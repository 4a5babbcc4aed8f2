#include "session/window_monitor.h"

#include <exception>

#include "power/energy/energy.h"
#include "power/spec/monitor_factory.h"

namespace tr::harness {
namespace asio = boost::asio;

MeasuredWindow measure_window(const power::PowerTrace& trace,
                              const power::MonitorCapabilities& capabilities,
                              const std::string& label, std::uint32_t inferences) {
  MeasuredWindow m;
  m.capture_s = trace.duration_s();
  if (m.capture_s > 0) m.capture_power_w = power::mean_power_between(trace, 0.0, m.capture_s);
  for (const power::Marker& mark : trace.markers) m.markers += mark.falling ? 1 : 0;
  if (!capabilities.markers || !capabilities.per_inference_energy) return m;
  power::WindowSpec spec;
  spec.label = label;
  spec.inferences = inferences;
  const power::WindowEnergy w = power::window_energy(trace, spec);
  m.energy_per_inference_j = w.energy_per_inference_j;
  m.active_power_w = w.mean_power_w;
  return m;
}

WindowMonitor::WindowMonitor(asio::any_io_executor executor, const power::MonitorSpec& spec,
                             std::string board)
    : board_(std::move(board)) {
  outcome_.spec = power::to_string(spec);
  try {
    monitor_ = power::make_monitor(std::move(executor), spec);
    outcome_.description = monitor_->description();
    outcome_.capabilities = monitor_->capabilities();
  } catch (const std::exception& e) {
    fail("set-up", e.what());
  }
}

WindowMonitor::WindowMonitor(std::unique_ptr<power::PowerMonitor> monitor, std::string spec,
                             std::string board)
    : monitor_(std::move(monitor)), board_(std::move(board)) {
  outcome_.spec = std::move(spec);
  outcome_.description = monitor_->description();
  outcome_.capabilities = monitor_->capabilities();
}

void WindowMonitor::fail(const std::string& what, const std::string& message) {
  if (!outcome_.error.empty()) return;
  outcome_.error = board_ + ": monitor " + outcome_.spec + ": " + what + ": " + message;
}

asio::awaitable<void> WindowMonitor::open() {
  if (!usable()) co_return;
  try {
    co_await monitor_->open();
    opened_ = true;
    // A monitor that can power the board switches it on (its configured voltage), and leaves
    // it on at close: the board keeps running for whoever comes next.
    if (outcome_.capabilities.supply_control) co_await monitor_->set_supply(true, std::nullopt);
  } catch (const std::exception& e) {
    fail("open", e.what());
  }
}

asio::awaitable<void> WindowMonitor::begin(const std::string& label) {
  label_ = label;
  if (!usable() || !opened_) co_return;
  try {
    co_await monitor_->start(0.0);
    capturing_ = true;
  } catch (const std::exception& e) {
    fail("window " + label_ + ": start", e.what());
  }
}

asio::awaitable<std::optional<MeasuredWindow>> WindowMonitor::end(std::uint32_t inferences) {
  if (!capturing_) co_return std::nullopt;
  capturing_ = false;
  std::optional<MeasuredWindow> result;
  try {
    const power::PowerTrace trace = co_await monitor_->stop();
    if (trace.ended_by_error) {
      // What arrived before the failure is not a whole window: it is not measured.
      fail("window " + label_, *trace.ended_by_error);
      co_return std::nullopt;
    }
    result = measure_window(trace, outcome_.capabilities, label_, inferences);
  } catch (const std::exception& e) {
    fail("window " + label_, e.what());
  }
  co_return result;
}

asio::awaitable<void> WindowMonitor::close() {
  if (!monitor_ || !opened_) co_return;
  opened_ = false;
  try {
    if (capturing_) {
      capturing_ = false;
      (void)co_await monitor_->stop();
    }
    co_await monitor_->close();
  } catch (const std::exception& e) {
    fail("close", e.what());
  }
}

}  // namespace tr::harness
