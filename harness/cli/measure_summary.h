// What `tinyrack measure` prints about a capture: samples, duration, mean current and power,
// energy, markers and the energy between the last two markers (an MLPerf Tiny window).
#pragma once

#include <iosfwd>
#include <string>

#include "power/power_trace.h"

namespace tr::cli {

void print_measure_summary(std::ostream& out, const power::PowerTrace& trace,
                           const std::string& description, const std::string& file);

// "12.5 mA": four significant digits with an SI prefix (M, k, m, u, n) chosen for the value.
std::string si_text(double value, const char* unit);

}  // namespace tr::cli
