// Integration over a piecewise-constant trace, and idle power as what is left outside the busy
// spans.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "power/energy/energy.h"

namespace tr::power {
namespace {

std::string name_of(const PowerTrace& trace) {
  return trace.monitor.empty() ? std::string("power trace") : "trace of " + trace.monitor;
}

// Index of the sample holding time t (the first one when t precedes the trace).
std::size_t sample_at(const PowerTrace& trace, double t) {
  if (trace.uniform()) {
    const double i = std::floor(t * trace.rate_hz);
    std::size_t index = i <= 0.0 ? 0 : static_cast<std::size_t>(i);
    index = std::min(index, trace.size() - 1);
    // floor() of a product can land one sample late; the loop in energy_between skips early ones.
    return index > 0 && trace.start_of(index) > t ? index - 1 : index;
  }
  const auto it = std::upper_bound(trace.time_s.begin(), trace.time_s.end(), t);
  return it == trace.time_s.begin() ? 0 : static_cast<std::size_t>(it - trace.time_s.begin()) - 1;
}

void check_interval(const PowerTrace& trace, double t0, double t1) {
  if (!std::isfinite(t0) || !std::isfinite(t1) || t1 < t0) {
    throw EnergyError(name_of(trace) + ": cannot integrate over [" + seconds_text(t0) + ", " +
                      seconds_text(t1) + "]: the interval must be finite and end after it begins");
  }
  if (trace.uniform() && trace.size() > 0 && !(trace.rate_hz > 0.0)) {
    throw EnergyError(name_of(trace) + ": a uniform trace needs a positive rate_hz");
  }
}

}  // namespace

double energy_between(const PowerTrace& trace, double t0_s, double t1_s) {
  check_interval(trace, t0_s, t1_s);
  if (trace.size() == 0) return 0.0;
  double energy = 0.0;
  for (std::size_t i = sample_at(trace, t0_s); i < trace.size(); ++i) {
    const double begin = trace.start_of(i);
    if (begin >= t1_s) break;
    const double overlap = std::min(trace.end_of(i), t1_s) - std::max(begin, t0_s);
    if (overlap > 0.0) {
      energy += static_cast<double>(trace.current_a[i]) * trace.volts_at(i) * overlap;
    }
  }
  return energy;
}

double mean_power_between(const PowerTrace& trace, double t0_s, double t1_s) {
  if (!(t1_s > t0_s)) {
    throw EnergyError(name_of(trace) + ": mean power over the empty interval [" +
                      seconds_text(t0_s) + ", " + seconds_text(t1_s) + "]");
  }
  return energy_between(trace, t0_s, t1_s) / (t1_s - t0_s);
}

std::optional<IdlePower> idle_power(const PowerTrace& trace, std::span<const TimeSpan> busy,
                                    double min_idle_s) {
  if (trace.size() == 0) return std::nullopt;
  const double first = trace.start_of(0);
  const double last = trace.duration_s();
  // The busy spans inside the trace, merged so overlapping ones count once.
  std::vector<TimeSpan> spans;
  for (const TimeSpan& s : busy) {
    check_interval(trace, s.begin_s, s.end_s);
    const TimeSpan clamped{std::max(s.begin_s, first), std::min(s.end_s, last)};
    if (clamped.end_s > clamped.begin_s) spans.push_back(clamped);
  }
  std::sort(spans.begin(), spans.end(),
            [](const TimeSpan& a, const TimeSpan& b) { return a.begin_s < b.begin_s; });
  std::vector<TimeSpan> merged;
  for (const TimeSpan& s : spans) {
    if (!merged.empty() && s.begin_s <= merged.back().end_s) {
      merged.back().end_s = std::max(merged.back().end_s, s.end_s);
    } else {
      merged.push_back(s);
    }
  }
  double idle_s = last - first;
  double idle_j = energy_between(trace, first, last);
  for (const TimeSpan& s : merged) {
    idle_s -= s.end_s - s.begin_s;
    idle_j -= energy_between(trace, s.begin_s, s.end_s);
  }
  if (!(idle_s > 0.0) || idle_s < min_idle_s) return std::nullopt;
  return IdlePower{idle_j / idle_s, idle_s};
}

std::string seconds_text(double t) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.9g s", t);
  return buf;
}

}  // namespace tr::power
