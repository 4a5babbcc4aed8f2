#include "run/measured_energy.h"

#include <string>
#include <vector>

#include "power/energy/energy.h"

namespace tr::harness {
namespace {

report::Statistic measured(const power::Spread& s, double scale, std::string unit,
                           std::string basis) {
  return report::Statistic{
      s.median * scale, s.min * scale, s.max * scale,   static_cast<std::uint32_t>(s.n),
      std::move(unit),  "measured",    std::move(basis)};
}

// "on 12 windows", or "on 5 of 12 windows (then: <error>)" when the monitor failed part-way.
std::string coverage(std::size_t measured_windows, std::size_t windows, const std::string& error) {
  std::string text = "on " + std::to_string(measured_windows);
  if (measured_windows < windows) text += " of " + std::to_string(windows);
  text += windows == 1 ? " window" : " windows";
  if (!error.empty()) text += " (then: " + error + ")";
  return text;
}

}  // namespace

EnergyFigures measured_energy(const BoardOutcome& outcome) {
  EnergyFigures result;
  const MonitorOutcome& monitor = *outcome.monitor;
  const std::string name = monitor.description.empty() ? monitor.spec : monitor.description;
  std::vector<double> energy, active, capture;
  for (const WindowResult& w : outcome.windows) {
    if (!w.measured) continue;
    capture.push_back(w.measured->capture_power_w);
    if (w.measured->energy_per_inference_j) energy.push_back(*w.measured->energy_per_inference_j);
    if (w.measured->active_power_w) active.push_back(*w.measured->active_power_w);
  }
  const std::string on = coverage(capture.size(), outcome.windows.size(), monitor.error);
  if (capture.empty()) {
    result.unavailable_reason = monitor.error.empty()
                                    ? outcome.board + ": monitor " + name + " measured no window"
                                    : monitor.error;
    return result;
  }
  if (!monitor.capabilities.per_inference_energy || energy.empty()) {
    result.unavailable_reason =
        outcome.board + ": monitor " + name +
        " cannot give energy per inference: " + monitor.capabilities.unfit_reason;
    result.active_power_mw =
        measured(power::spread_of(capture), 1e3, "mW",
                 "measured by " + name + ": mean power over each window's whole capture, " + on);
    return result;
  }
  report::EnergyStatistic e;
  e.stat = measured(power::spread_of(energy), 1e6, "uJ",
                    "measured by " + name +
                        ": energy between the last two falling timestamp markers of each "
                        "window's capture, divided by its inferences, median " +
                        on);
  e.source = name;
  result.energy_uj = std::move(e);
  result.active_power_mw = measured(
      power::spread_of(active), 1e3, "mW",
      "measured by " + name + ": mean power between each window's last two markers, " + on);
  return result;
}

}  // namespace tr::harness
