// LOGISTIC (builtin 14): int8 -> int8 sigmoid, no options; the output zero point must be -128
// (units of 1/256) (int8-quantization.md §14).
#pragma once

#include <cstdint>

#include "engine/kernels/reference/logistic_s8.h"
#include "engine/op_registry.h"

namespace tr::engine {

// Prepare math, also used by tests: frexp(s_in * 2^27) = (q, shift), multiplier =
// round_away(q * 2^31) (no QuantizeMultiplier edge fix or flush), radius = floor(15 * 2^27 /
// 2^shift). False for scales below 2^-28 (a negative shift) or a non-finite scale.
bool logistic_params(float input_scale, int32_t input_zero_point, reference::LogisticParams& out);

const OpRegistration& register_logistic();

}  // namespace tr::engine
