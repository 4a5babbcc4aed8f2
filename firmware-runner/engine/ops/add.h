// ADD (builtin 0): int8 + int8 -> int8 with NumPy broadcasting and a fused activation
// (AddOptions); three requantizations through a 2^20-scaled common scale
// (int8-quantization.md §11).
#pragma once

#include <cstdint>

#include "engine/kernels/reference/add_s8.h"
#include "engine/op_registry.h"

namespace tr::engine {

// Prepare math, also used by tests: offsets, the three (multiplier, shift) pairs and the
// clamp. False when the output multiplier 2*max(s1, s2) / (2^20 * s_out) is not below 1 (TFLM
// requires every ADD multiplier to be a right shift).
bool add_params(float scale1, int32_t zero_point1, float scale2, int32_t zero_point2,
                float output_scale, int32_t output_zero_point, uint8_t activation,
                reference::AddParams& out);

const OpRegistration& register_add();

}  // namespace tr::engine
