#include "metrics/output_scores.h"

#include <stdexcept>
#include <string>

namespace tr::metrics {

std::vector<double> dequantize(std::span<const int8_t> q, double scale, int32_t zero_point) {
  std::vector<double> out(q.size());
  for (std::size_t i = 0; i < q.size(); ++i) out[i] = scale * (int32_t{q[i]} - zero_point);
  return out;
}

std::vector<double> class_probabilities(std::span<const int8_t> q, double scale,
                                        int32_t zero_point) {
  auto p = dequantize(q, scale, zero_point);
  double sum = 0;
  for (double v : p) sum += v;
  if (sum > 0) {
    for (double& v : p) v /= sum;
  }
  return p;
}

double reconstruction_mse(std::span<const int8_t> q, double scale, int32_t zero_point,
                          std::span<const float> reference) {
  if (q.empty() || q.size() != reference.size()) {
    throw std::invalid_argument("reconstruction_mse: output has " + std::to_string(q.size()) +
                                " values, the reference " + std::to_string(reference.size()));
  }
  double sum = 0;
  for (std::size_t i = 0; i < q.size(); ++i) {
    const double d = scale * (int32_t{q[i]} - zero_point) - double{reference[i]};
    sum += d * d;
  }
  return sum / static_cast<double>(q.size());
}

}  // namespace tr::metrics
