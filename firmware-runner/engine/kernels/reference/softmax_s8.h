// Reference int8 SOFTMAX (int8-quantization.md §13): TFLM's gemmlowp fixed-point pipeline per
// row of the last dimension: differences to the row maximum scaled to Q5.26, exp in Q0.31, a
// Q12.19 sum, its reciprocal, and outputs in units of 1/256 with zero point -128. Entries
// further than diff_min below the maximum are ignored and written as -128.
#pragma once

#include <cstdint>

namespace tr::engine::reference {

struct SoftmaxParams {
  int32_t input_multiplier = 0;  // beta * s_in * 2^26 as (multiplier, left shift)
  int32_t input_left_shift = 0;  // in [1, 31]
  int32_t diff_min = 0;          // <= 0
};

// False when a row's sum of exponentials reaches 2^28 (TFLM aborts there; rows of at most 511
// entries never do); `bad_row` then names the row and the output is partly written.
bool softmax_s8(const SoftmaxParams& params, int32_t rows, int32_t depth, const int8_t* input,
                int8_t* output, int32_t& bad_row);

}  // namespace tr::engine::reference
