#include "reports/statistic.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <utility>

namespace tr::report {

Statistic summarize(std::vector<double> values, std::string unit, std::string provenance) {
  if (values.empty()) throw std::invalid_argument("summarize(" + unit + "): no values");
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (!std::isfinite(values[i])) {
      throw std::invalid_argument("summarize(" + unit + "): value " + std::to_string(i) +
                                  " is not finite");
    }
  }
  std::sort(values.begin(), values.end());
  const std::size_t n = values.size();
  const double median = n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2.0;
  return Statistic{median,
                   values.front(),
                   values.back(),
                   static_cast<std::uint32_t>(n),
                   std::move(unit),
                   std::move(provenance),
                   {}};
}

}  // namespace tr::report
