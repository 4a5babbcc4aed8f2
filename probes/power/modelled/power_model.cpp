#include "power/modelled/power_model.h"

#include <cmath>

#include "power/power_error.h"

namespace tr::power {
namespace {

void require(bool ok, const PowerModel& m, const std::string& what) {
  if (!ok) {
    const std::string who =
        m.part.empty() ? std::string("power model") : "power model of " + m.part;
    throw PowerError(PowerErrc::config, who + ": " + what);
  }
}

bool positive(double v) {
  return std::isfinite(v) && v > 0.0;
}

}  // namespace

void PowerModel::validate() const {
  require(!part.empty(), *this, "names no part");
  require(positive(clock_hz), *this, "clock_hz must be a positive number of hertz");
  require(positive(supply_v), *this, "supply_v must be a positive number of volts");
  require(positive(run_current_a), *this, "run_current_a must be a positive number of amperes");
  require(std::isfinite(sleep_current_a) && sleep_current_a >= 0.0, *this,
          "sleep_current_a must be zero or a positive number of amperes");
  require(positive(cycles_per_instruction), *this, "cycles_per_instruction must be positive");
  require(positive(calibration_k), *this, "calibration_k must be positive");
  require(!band_pct || (positive(*band_pct) && *band_pct <= 100.0), *this,
          "band_pct must be in (0, 100]");
}

}  // namespace tr::power
