// MLPerf Tiny window energy: the last two markers of a window bracket its inferences; a run's
// figure is the median over windows.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "power/energy/energy.h"

namespace tr::power {
namespace {

const char* edge_name(MarkerEdge edge) {
  switch (edge) {
    case MarkerEdge::falling:
      return "falling-edge ";
    case MarkerEdge::rising:
      return "rising-edge ";
    case MarkerEdge::any:
      break;
  }
  return "";
}

bool matches(const Marker& m, MarkerEdge edge) {
  return edge == MarkerEdge::any || m.falling == (edge == MarkerEdge::falling);
}

// "window 'in0' [0.1 s, 0.5 s] of ppk2 on /dev/pts/3"
std::string where(const PowerTrace& trace, const WindowSpec& w) {
  std::string text = "window '" + w.label + "' ";
  if (w.begin_s <= 0.0 && std::isinf(w.end_s)) {
    text += "(the whole capture)";
  } else {
    text += "[" + seconds_text(w.begin_s) + ", " + seconds_text(w.end_s) + "]";
  }
  return text + " of " + (trace.monitor.empty() ? std::string("the trace") : trace.monitor);
}

[[noreturn]] void too_few_markers(const PowerTrace& trace, const WindowSpec& w,
                                  const std::vector<const Marker*>& found) {
  std::string text = where(trace, w) + ": found " + std::to_string(found.size()) + " " +
                     edge_name(w.edge) + "marker" + (found.size() == 1 ? "" : "s");
  if (!found.empty()) text += " (at " + seconds_text(found.front()->t_s) + ")";
  text += " of " + std::to_string(trace.markers.size()) +
          " in the capture; energy per inference needs two, the last two bracketing the timed "
          "inferences (MLPerf Tiny energy mode). Check that the runner's timestamp pin reaches "
          "the monitor's marker input and that the firmware is an energy-mode build";
  if (trace.ended_by_error) text += "; the capture ended early: " + *trace.ended_by_error;
  throw EnergyError(text);
}

}  // namespace

WindowEnergy window_energy(const PowerTrace& trace, const WindowSpec& w) {
  if (w.inferences == 0) {
    throw EnergyError(where(trace, w) + ": a window of 0 inferences has no energy per inference");
  }
  if (!(w.end_s >= w.begin_s)) {
    throw EnergyError(where(trace, w) + ": the window ends before it begins");
  }
  std::vector<const Marker*> found;
  for (const Marker& m : trace.markers) {
    if (m.t_s >= w.begin_s && m.t_s <= w.end_s && matches(m, w.edge)) found.push_back(&m);
  }
  if (found.size() < 2) too_few_markers(trace, w, found);
  const Marker& start = *found[found.size() - 2];
  const Marker& stop = *found.back();
  if (!(stop.t_s > start.t_s)) {
    throw EnergyError(where(trace, w) + ": its last two markers are both at " +
                      seconds_text(stop.t_s) + "; they must bracket the timed inferences");
  }
  WindowEnergy e;
  e.label = w.label;
  e.inferences = w.inferences;
  e.markers = found.size();
  e.start_s = start.t_s;
  e.stop_s = stop.t_s;
  e.start_sample = start.sample;
  e.stop_sample = stop.sample;
  e.energy_j = energy_between(trace, start.t_s, stop.t_s);
  e.energy_per_inference_j = e.energy_j / static_cast<double>(w.inferences);
  e.mean_power_w = e.energy_j / (stop.t_s - start.t_s);
  return e;
}

std::vector<WindowEnergy> window_energies(const PowerTrace& trace,
                                          std::span<const WindowSpec> windows) {
  std::vector<WindowEnergy> out;
  out.reserve(windows.size());
  for (const WindowSpec& w : windows) out.push_back(window_energy(trace, w));
  return out;
}

Spread spread_of(std::vector<double> values) {
  if (values.empty()) throw EnergyError("no windows to take a median over");
  std::sort(values.begin(), values.end());
  const std::size_t n = values.size();
  const double median = n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2.0;
  return Spread{median, values.front(), values.back(), n};
}

EnergySummary summarize(std::span<const WindowEnergy> windows) {
  std::vector<double> energy, power;
  for (const WindowEnergy& w : windows) {
    energy.push_back(w.energy_per_inference_j);
    power.push_back(w.mean_power_w);
  }
  return EnergySummary{spread_of(std::move(energy)), spread_of(std::move(power))};
}

std::vector<TimeSpan> busy_spans(std::span<const WindowEnergy> windows) {
  std::vector<TimeSpan> spans;
  for (const WindowEnergy& w : windows) spans.push_back({w.start_s, w.stop_s});
  return spans;
}

}  // namespace tr::power
