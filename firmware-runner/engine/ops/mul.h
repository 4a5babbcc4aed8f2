// MUL (builtin 18): int8 * int8 -> int8 with NumPy broadcasting and a fused activation
// (MulOptions); one requantization by s1 * s2 / s_out (int8-quantization.md §12).
#pragma once

#include <cstdint>

#include "engine/kernels/reference/mul_s8.h"
#include "engine/op_registry.h"

namespace tr::engine {

// Prepare math, also used by tests: offsets, (multiplier, shift) of (double)s1 * (double)s2 /
// (double)s_out, and the clamp. False when that multiplier needs a left shift above 30.
bool mul_params(float scale1, int32_t zero_point1, float scale2, int32_t zero_point2,
                float output_scale, int32_t output_zero_point, uint8_t activation,
                reference::MulParams& out);

const OpRegistration& register_mul();

}  // namespace tr::engine
