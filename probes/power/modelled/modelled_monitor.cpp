#include "power/modelled/modelled_monitor.h"

#include <cmath>
#include <cstdio>

#include "power/power_error.h"

namespace tr::power {
namespace {

std::string number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

}  // namespace

double EmulatedWindow::instructions() const {
  if (timer_hz == 0) return 0.0;
  const double ns = static_cast<double>(ticks) * 1e9 / static_cast<double>(timer_hz);
  return ns / std::ldexp(1.0, icount_shift);
}

ModelledMonitor::ModelledMonitor(PowerModel model, ModelledMonitorOptions options)
    : model_(std::move(model)), options_(std::move(options)) {
  model_.validate();
  if (!(options_.rate_hz > 0.0) || !(options_.idle_gap_s >= 0.0)) {
    throw PowerError(PowerErrc::config, description() +
                                            ": the default rate must be positive and the idle "
                                            "gap zero or more");
  }
}

std::string ModelledMonitor::description() const {
  std::string text = "modelled " + model_.part + " at " + number(model_.clock_hz / 1e6) + " MHz";
  if (!options_.board.empty()) text += " for " + options_.board;
  return text;
}

MonitorCapabilities ModelledMonitor::capabilities() const {
  MonitorCapabilities c;
  c.markers = true;
  c.supply_control = false;
  c.voltage = false;
  c.max_rate_hz = 1e9;  // any grid; samples split at load changes anyway
  c.per_inference_energy = true;
  return c;
}

boost::asio::awaitable<void> ModelledMonitor::open() {
  open_ = true;
  co_return;
}

boost::asio::awaitable<void> ModelledMonitor::close() {
  open_ = false;
  capturing_ = false;
  timeline_.clear();
  co_return;
}

boost::asio::awaitable<void> ModelledMonitor::start(double rate_hz) {
  if (!open_) throw PowerError(PowerErrc::config, description() + ": start() before open()");
  if (rate_hz < 0.0 || !std::isfinite(rate_hz)) {
    throw PowerError(PowerErrc::config,
                     description() + ": sample rate " + number(rate_hz) + " Hz is not valid");
  }
  rate_hz_ = rate_hz > 0.0 ? rate_hz : options_.rate_hz;
  timeline_.clear();
  capturing_ = true;
  co_return;
}

boost::asio::awaitable<PowerTrace> ModelledMonitor::stop() {
  require_capture("stop()");
  capturing_ = false;
  PowerTrace trace;
  trace.monitor = description();
  trace.provenance = Provenance::modelled;
  trace.supply_v = model_.supply_v;
  timeline_.render(trace, rate_hz_, model_.sleep_current_a, options_.max_samples);
  trace.notes = {{"part", model_.part},
                 {"source", model_.source},
                 {"clock_hz", number(model_.clock_hz)},
                 {"run_current_a", number(model_.run_current_a)},
                 {"sleep_current_a", number(model_.sleep_current_a)},
                 {"cycles_per_instruction", number(model_.cycles_per_instruction)},
                 {"cpi_basis", model_.cpi_basis},
                 {"calibration_k", number(model_.calibration_k)},
                 {"idle_gap_s", number(options_.idle_gap_s)}};
  if (model_.band_pct) trace.notes.emplace_back("band_pct", number(*model_.band_pct));
  timeline_.clear();
  if (listener_.on_samples) listener_.on_samples(trace, 0);
  if (listener_.on_marker) {
    for (const Marker& m : trace.markers) listener_.on_marker(m);
  }
  co_return trace;
}

boost::asio::awaitable<void> ModelledMonitor::set_supply(bool, std::optional<double>) {
  throw PowerError(PowerErrc::unsupported,
                   description() + ": a modelled monitor has no supply to switch");
  co_return;
}

void ModelledMonitor::require_capture(const char* what) const {
  if (!capturing_) {
    throw PowerError(PowerErrc::config,
                     description() + ": " + what + " outside a capture (call start() first)");
  }
}

void ModelledMonitor::idle(double seconds) {
  require_capture("idle()");
  timeline_.add(seconds, model_.sleep_current_a);
}

void ModelledMonitor::run(double instructions) {
  require_capture("run()");
  timeline_.add(model_.seconds_for(instructions), model_.active_current_a());
}

WindowSpec ModelledMonitor::add_window(const EmulatedWindow& w) {
  require_capture("add_window()");
  if (w.inferences == 0 || w.timer_hz == 0) {
    throw PowerError(PowerErrc::config, description() + ": window '" + w.label + "' has " +
                                            std::to_string(w.inferences) + " inferences on a " +
                                            std::to_string(w.timer_hz) +
                                            " Hz timer; both must be positive");
  }
  const double instructions = w.instructions();
  idle(options_.idle_gap_s);
  WindowSpec spec;
  spec.label = w.label;
  spec.inferences = w.inferences;
  spec.begin_s = timeline_.now();
  run(instructions / w.inferences * w.warmup);
  timeline_.mark();
  run(instructions);
  timeline_.mark();
  spec.end_s = timeline_.now();
  idle(options_.idle_gap_s);
  return spec;
}

}  // namespace tr::power
