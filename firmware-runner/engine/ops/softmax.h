// SOFTMAX (builtin 25): int8 -> int8 over the last dimension with SoftmaxOptions.beta; the
// output is quantized with scale 1/256 and zero point -128 (int8-quantization.md §13).
#pragma once

#include <cstdint>

#include "engine/kernels/reference/softmax_s8.h"
#include "engine/op_registry.h"

namespace tr::engine {

// Prepare math, also used by tests: (multiplier, left shift) of min(beta * s_in * 2^26,
// 2^31 - 1) (double) and diff_min = -floor(31 * 2^26 / 2^shift). False unless that real is
// above 1 (TFLM requires a "greater than one" multiplier).
bool softmax_params(float input_scale, float beta, reference::SoftmaxParams& out);

const OpRegistration& register_softmax();

}  // namespace tr::engine
