#include "power/modelled/load_timeline.h"

#include <cmath>
#include <string>

#include "power/power_error.h"

namespace tr::power {

void LoadTimeline::add(double seconds, double current_a) {
  if (!(seconds > 0.0)) return;
  const double end = now_ + seconds;
  // Equal neighbours merge, so idle next to idle does not add a split; never across a marker,
  // which must stay on a sample boundary.
  if (!segments_.empty() && segments_.back().current_a == current_a && !marked_at_end()) {
    segments_.back().end_s = end;
  } else {
    segments_.push_back({now_, end, current_a});
  }
  now_ = end;
}

void LoadTimeline::clear() {
  segments_.clear();
  markers_.clear();
  now_ = 0.0;
}

void LoadTimeline::render(PowerTrace& trace, double rate_hz, double pad_current_a,
                          std::size_t max_samples) const {
  const double grid = 1.0 / rate_hz;
  // One whole grid interval past the last grid point the load reaches.
  const double end = (std::floor(now_ * rate_hz) + 2.0) * grid;
  const double estimate = end * rate_hz + 2.0 * static_cast<double>(segments_.size());
  if (estimate > static_cast<double>(max_samples)) {
    throw PowerError(PowerErrc::config,
                     trace.monitor + ": a modelled capture of " + std::to_string(end) + " s at " +
                         std::to_string(rate_hz) + " Hz needs about " +
                         std::to_string(static_cast<long long>(estimate)) + " samples (limit " +
                         std::to_string(max_samples) + "); use a lower sample rate");
  }
  std::vector<Segment> all = segments_;
  if (!all.empty() && all.back().current_a == pad_current_a && !marked_at_end()) {
    all.back().end_s = end;
  } else {
    all.push_back({now_, end, pad_current_a});
  }

  trace.rate_hz = rate_hz;
  trace.time_s.clear();
  trace.current_a.clear();
  trace.voltage_v.clear();
  trace.markers.clear();
  // Grid points closer than this to a segment edge would make slivers; the edge stands in.
  const double eps = grid * 1e-9;
  for (const Segment& s : all) {
    const auto current = static_cast<float>(s.current_a);
    trace.append(current, std::nullopt, s.begin_s);
    for (double k = std::floor(s.begin_s * rate_hz) + 1.0;; k += 1.0) {
      const double t = k * grid;
      if (t >= s.end_s - eps) break;
      if (t > s.begin_s + eps) trace.append(current, std::nullopt, t);
    }
  }
  for (double t : markers_) trace.mark(t);
}

}  // namespace tr::power
