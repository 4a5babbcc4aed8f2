// A summarised figure: median/min/max over n samples, always with its unit and provenance
// ("measured" | "emulated" | "modelled") so a modelled number is never read as a measurement.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace tr::report {

struct Statistic {
  double median = 0;
  double min = 0;
  double max = 0;
  std::uint32_t n = 0;
  std::string unit;        // "instructions", "us", ...
  std::string provenance;  // "measured" | "emulated" | "modelled"
  std::string basis;       // how a modelled figure was derived; empty otherwise

  bool operator==(const Statistic&) const = default;
};

// Median (mean of the two middle values for even n), min, max and n of `values`. Throws
// std::invalid_argument for an empty list or a non-finite value.
Statistic summarize(std::vector<double> values, std::string unit, std::string provenance);

}  // namespace tr::report
