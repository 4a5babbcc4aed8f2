// Reference int8 LOGISTIC (int8-quantization.md §14): the offset input is scaled to Q4.27 by a
// frexp-derived multiplier, inputs at or beyond the radius saturate, the rest go through
// gemmlowp's fixed-point logistic and come out in units of 1/256 with zero point -128.
#pragma once

#include <cstdint>

namespace tr::engine::reference {

struct LogisticParams {
  int32_t input_zero_point = 0;
  int32_t input_multiplier = 0;  // s_in * 2^27 = multiplier * 2^(left_shift - 31)
  int32_t input_left_shift = 0;  // >= 0; only used while |x| < input_range_radius
  int32_t input_range_radius = 0;
};

// logistic(a) in Q0.31 for a Q4.27 argument.
int32_t logistic_q4(int32_t a);

void logistic_s8(const LogisticParams& params, uint32_t count, const int8_t* input, int8_t* output);

}  // namespace tr::engine::reference
