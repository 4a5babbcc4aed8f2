// QUANTIZE (builtin 114): float32 -> int8 (float32 division, round half away from zero) and
// int8 -> int8 requantization; the output is per-tensor quantized (int8-quantization.md §18).
#pragma once

#include <cstdint>

#include "engine/kernels/reference/quantize_s8.h"
#include "engine/op_registry.h"

namespace tr::engine {

// Prepare math, also used by tests: (multiplier, shift) of (double)s_in / (double)s_out. False
// when it needs a left shift above 30.
bool requantize_params(float input_scale, int32_t input_zero_point, float output_scale,
                       int32_t output_zero_point, reference::RequantizeParams& out);

const OpRegistration& register_quantize();

}  // namespace tr::engine
