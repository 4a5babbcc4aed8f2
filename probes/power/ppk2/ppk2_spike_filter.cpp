#include "power/ppk2/ppk2_spike_filter.h"

namespace tr::power::ppk2 {

double Ppk2SpikeFilter::apply(double amps, int range) {
  const std::optional<double> before = avg_;
  const std::optional<double> before4 = avg4_;
  avg_ = avg_ ? kAlpha * amps + (1.0 - kAlpha) * *avg_ : amps;
  avg4_ = avg4_ ? kAlpha4 * amps + (1.0 - kAlpha4) * *avg4_ : amps;
  if (!prev_range_) prev_range_ = range;

  double out = amps;
  const bool switched = range != *prev_range_;
  if (switched || after_switch_ > 0) {
    if (switched) {
      in_range_ = 0;
      after_switch_ = kSamplesAfterSwitch;
    } else {
      ++in_range_;
    }
    if (range == 4) {
      // The overshoot into the 50 mOhm shunt is large: ignore the first two samples entirely.
      if (in_range_ < 2) {
        avg_ = before;
        avg4_ = before4;
      }
      out = avg4_.value_or(amps);
    } else {
      out = *avg_;
    }
    --after_switch_;
  }
  prev_range_ = range;
  return out;
}

void Ppk2SpikeFilter::reset() {
  *this = Ppk2SpikeFilter();
}

}  // namespace tr::power::ppk2
