// Energy from a PowerTrace, the way MLPerf Tiny energy mode computes it: a timed window is
// bracketed by the last two timestamp markers the monitor saw in it (the pin also toggles
// before the window), energy per inference is the energy between them divided by the window's
// inference count, and a run reports the median over its windows. Beside it: mean active power
// (between the markers) and idle power (outside every busy span, where there is enough of it).
//
// Every function reads the trace as piecewise constant: sample i holds its mean current (and
// voltage) from start_of(i) to end_of(i). Integration is exact for such a trace, including the
// partial samples at the edges of an interval.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

#include "power/power_trace.h"

namespace tr::power {

// Energy (joules) of volts * current over [t0_s, t1_s]; time outside the trace counts nothing.
// Throws EnergyError when t1_s < t0_s or either is not finite.
double energy_between(const PowerTrace& trace, double t0_s, double t1_s);

// energy_between / (t1_s - t0_s), watts; throws EnergyError for an empty interval.
double mean_power_between(const PowerTrace& trace, double t0_s, double t1_s);

// A window cannot be measured (too few markers, no inferences, ...). The message names the
// window, the trace's monitor, what was found and where.
class EnergyError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

enum class MarkerEdge { falling, rising, any };

// One timed window: `inferences` ran between its last two markers in [begin_s, end_s].
// The defaults take the whole trace (one capture per window, as the EEMBC runner does).
struct WindowSpec {
  std::string label;  // e.g. the input's name; used in errors and results
  std::uint32_t inferences = 1;
  double begin_s = 0.0;
  double end_s = std::numeric_limits<double>::infinity();
  MarkerEdge edge = MarkerEdge::falling;  // MLPerf Tiny energy mode marks with falling edges
};

struct WindowEnergy {
  std::string label;
  std::uint32_t inferences = 0;
  std::size_t markers = 0;  // markers of the chosen edge found in the window
  double start_s = 0.0;     // second-to-last marker
  double stop_s = 0.0;      // last marker
  std::size_t start_sample = 0;
  std::size_t stop_sample = 0;
  double energy_j = 0.0;                // between the two markers
  double energy_per_inference_j = 0.0;  // energy_j / inferences
  double mean_power_w = 0.0;            // energy_j / (stop_s - start_s): mean active power
  double duration_s() const noexcept { return stop_s - start_s; }
};

// Energy of one window; throws EnergyError when it has fewer than two markers of its edge,
// no inferences, or markers that do not advance.
WindowEnergy window_energy(const PowerTrace& trace, const WindowSpec& window);
std::vector<WindowEnergy> window_energies(const PowerTrace& trace,
                                          std::span<const WindowSpec> windows);

// Median (mean of the two middle values for an even count, as numpy's), min and max.
struct Spread {
  double median = 0.0;
  double min = 0.0;
  double max = 0.0;
  std::size_t n = 0;
};
Spread spread_of(std::vector<double> values);  // throws EnergyError when empty

// A run's figures over its windows: energy per inference and mean active power.
struct EnergySummary {
  Spread energy_per_inference_j;
  Spread mean_power_w;
};
EnergySummary summarize(std::span<const WindowEnergy> windows);  // EnergyError when empty

struct TimeSpan {
  double begin_s = 0.0;
  double end_s = 0.0;
};
// The marker brackets of measured windows: what idle_power leaves out by default.
std::vector<TimeSpan> busy_spans(std::span<const WindowEnergy> windows);

struct IdlePower {
  double mean_power_w = 0.0;
  double duration_s = 0.0;  // trace time that counted as idle
};
// Mean power over the trace outside every span of `busy` (which may overlap or be unsorted);
// nullopt when less than `min_idle_s` of the trace is left (not enough to say).
std::optional<IdlePower> idle_power(const PowerTrace& trace, std::span<const TimeSpan> busy,
                                    double min_idle_s);

// "0.0125 s": how energy errors print a time.
std::string seconds_text(double t);

}  // namespace tr::power
