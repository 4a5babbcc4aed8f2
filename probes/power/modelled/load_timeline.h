// LoadTimeline: a modelled load as back-to-back constant-current segments plus marker edges,
// rendered into a PowerTrace. Samples sit on a uniform grid at the requested rate and are split
// where the load changes, so every marker falls on a sample boundary and integrating the trace
// gives the model's energy exactly, whatever the rate.
#pragma once

#include <cstddef>
#include <vector>

#include "power/power_trace.h"

namespace tr::power {

class LoadTimeline {
 public:
  // Appends `seconds` of constant current; zero-length segments are ignored.
  void add(double seconds, double current_a);
  // A marker edge at the current end of the timeline.
  void mark() { markers_.push_back(now_); }
  double now() const noexcept { return now_; }
  bool empty() const noexcept { return segments_.empty(); }
  void clear();

  // Samples and markers into `trace` (which keeps its monitor, provenance and notes). The
  // timeline is padded with `pad_current_a` to one whole grid interval past its end, so the
  // last sample lasts exactly 1 / rate_hz as PowerTrace assumes. Throws PowerError(config)
  // when the trace would exceed `max_samples`.
  void render(PowerTrace& trace, double rate_hz, double pad_current_a,
              std::size_t max_samples) const;

 private:
  struct Segment {
    double begin_s;
    double end_s;
    double current_a;
  };
  bool marked_at_end() const noexcept { return !markers_.empty() && markers_.back() >= now_; }

  std::vector<Segment> segments_;
  std::vector<double> markers_;
  double now_ = 0.0;
};

}  // namespace tr::power
