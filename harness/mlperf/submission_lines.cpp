#include "mlperf/submission_lines.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <stdexcept>
#include <vector>

namespace tr::harness::mlperf {
namespace {

// printf of one double into a line; Python's format specs used here map one to one.
std::string format(const char* spec, double v) {
  char buf[128];
  std::snprintf(buf, sizeof buf, spec, v);
  return buf;
}

void require_range(double v, double lo, double hi, const char* what) {
  if (!std::isfinite(v) || v < lo || v > hi) {
    throw std::invalid_argument(std::string(what) + " " + format("%g", v) + " is outside " +
                                format("%g", lo) + ".." + format("%g", hi));
  }
}

}  // namespace

double throughput(uint64_t elapsed_us, uint32_t iterations) {
  if (elapsed_us == 0) {
    throw std::invalid_argument("throughput: a window of 0 us has no inference rate");
  }
  return static_cast<double>(iterations) / (static_cast<double>(elapsed_us) / 1e6);
}

double median_throughput(std::span<const double> per_window) {
  if (per_window.empty()) throw std::invalid_argument("median throughput: no windows");
  std::vector<double> v(per_window.begin(), per_window.end());
  std::sort(v.begin(), v.end());
  const size_t mid = v.size() / 2;
  return v.size() % 2 == 1 ? v[mid] : (v[mid - 1] + v[mid]) / 2.0;
}

std::string median_throughput_line(double inferences_per_second) {
  require_range(inferences_per_second, 0.0, 1e15, "median throughput (inf./sec.)");
  return format("ulp-mlperf: Median throughput is %10.3f inf./sec.", inferences_per_second);
}

std::string top1_line(double percent) {
  require_range(percent, 0.0, 100.0, "top-1 accuracy (percent)");
  return format("ulp-mlperf: Top 1%% = %2.1f", percent);
}

std::string auc_line(double auc) {
  require_range(auc, 0.0, 1.0, "AUC");
  return format("ulp-mlperf: AUC = %.3f", auc);
}

std::string median_energy_line(double microjoules) {
  require_range(microjoules, 0.0, 1e15, "median energy (uJ/inf.)");
  return format("Median energy cost is %5.4f uJ/inf.", microjoules);
}

}  // namespace tr::harness::mlperf
