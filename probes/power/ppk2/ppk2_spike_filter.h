// Ppk2SpikeFilter: the host-side filter all three PPK2 clients apply (power-monitors.md §1.4).
// A shunt switch makes the first samples in the new range overshoot; for 3 samples after a
// range change the filter outputs an exponential rolling average instead of the sample (alpha
// 0.18; 0.06 and a separate average for range 4, whose first two samples keep the averages of
// before the switch). Between switches samples pass unchanged.
#pragma once

#include <optional>

namespace tr::power::ppk2 {

class Ppk2SpikeFilter {
 public:
  static constexpr double kAlpha = 0.18;
  static constexpr double kAlpha4 = 0.06;
  static constexpr int kSamplesAfterSwitch = 3;

  // `amps` converted from a sample taken in `range` (0..4); returns the value to record.
  double apply(double amps, int range);
  void reset();  // on every start (06)

 private:
  std::optional<double> avg_;
  std::optional<double> avg4_;
  std::optional<int> prev_range_;
  int after_switch_ = 0;  // samples still to replace by the average
  int in_range_ = 0;      // samples since the switch
};

}  // namespace tr::power::ppk2
