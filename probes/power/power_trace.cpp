#include "power/power_trace.h"

#include <algorithm>
#include <cmath>

namespace tr::power {

const char* to_string(Provenance p) noexcept {
  return p == Provenance::measured ? "measured" : "modelled";
}

double PowerTrace::start_of(std::size_t i) const noexcept {
  if (!uniform()) return time_s[i];
  return rate_hz > 0.0 ? static_cast<double>(i) / rate_hz : 0.0;
}

double PowerTrace::end_of(std::size_t i) const noexcept {
  if (i + 1 < size()) return start_of(i + 1);
  return start_of(i) + (rate_hz > 0.0 ? 1.0 / rate_hz : 0.0);
}

double PowerTrace::volts_at(std::size_t i) const noexcept {
  return i < voltage_v.size() ? static_cast<double>(voltage_v[i]) : supply_v;
}

double PowerTrace::duration_s() const noexcept {
  return size() == 0 ? 0.0 : end_of(size() - 1);
}

void PowerTrace::append(float current, std::optional<float> volts, std::optional<double> t_s) {
  current_a.push_back(current);
  if (volts) {
    // A trace either has a voltage for every sample or for none.
    voltage_v.resize(current_a.size() - 1, static_cast<float>(supply_v));
    voltage_v.push_back(*volts);
  }
  if (t_s && (!time_s.empty() || current_a.size() == 1)) {
    time_s.push_back(*t_s);
  }
}

void PowerTrace::mark(double t_s, bool falling) {
  std::size_t sample = 0;
  if (uniform()) {
    sample = rate_hz > 0.0 ? static_cast<std::size_t>(std::ceil(t_s * rate_hz - 1e-9)) : 0;
  } else {
    sample = static_cast<std::size_t>(std::lower_bound(time_s.begin(), time_s.end(), t_s) -
                                      time_s.begin());
  }
  markers.push_back({t_s, sample, falling});
}

}  // namespace tr::power
