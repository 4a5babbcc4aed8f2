// Per-window scores from a raw int8 output tensor, as MLPerf Tiny's runner computes them
// (facts/dut-protocol.md §9): class probabilities (dequantized, normalised to sum 1) and the
// reconstruction error of an autoencoder (mean squared error against the real input values).
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace tr::metrics {

// real = scale * (q - zero_point)
std::vector<double> dequantize(std::span<const int8_t> q, double scale, int32_t zero_point);

// The dequantized vector divided by its sum. A vector whose sum is not positive (no class has
// any weight) is returned dequantized but not normalised: there is nothing to scale.
std::vector<double> class_probabilities(std::span<const int8_t> q, double scale,
                                        int32_t zero_point);

// mean((dequantize(q) - reference)^2). Throws std::invalid_argument when the sizes differ or
// the vectors are empty.
double reconstruction_mse(std::span<const int8_t> q, double scale, int32_t zero_point,
                          std::span<const float> reference);

}  // namespace tr::metrics
