// Synthetic fully-connected int8 networks, e.g. {640, 128, 128, 8, 128, 640} like the MLPerf
// Tiny anomaly-detection autoencoder: random int8 weights (per-tensor scale, zero point 0),
// int32 biases, RELU between layers and none after the last. Output scales and zero points are
// calibrated on seeded random inputs so activations use most of the int8 range instead of
// saturating. Same seed -> same bytes on every platform.
#pragma once

#include <cstdint>
#include <vector>

namespace tr::workloads {

// layer_sizes: input width, then each layer's output width (at least two entries, all > 0).
// Throws std::invalid_argument otherwise.
std::vector<uint8_t> make_fc_stack_model(uint32_t seed, const std::vector<int>& layer_sizes);

}  // namespace tr::workloads
