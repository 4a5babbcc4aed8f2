// Reference int8 AVERAGE_POOL_2D (int8-quantization.md §9): the raw int8 values of the in-bounds
// taps are summed (padding never counts) and divided by their count, rounding half away from
// zero, then clamped. No requantization: input and output share one quantization.
#pragma once

#include <cstdint>

#include "engine/kernels/reference/pool_2d_params.h"

namespace tr::engine::reference {

// S / n rounded to nearest, ties away from zero: (S ± n/2) C-divided by n. n >= 1.
int32_t rounded_average(int32_t sum, int32_t count);

void average_pool_2d_s8(const Pool2dParams& params, const Pool2dDims& dims, const int8_t* input,
                        int8_t* output);

}  // namespace tr::engine::reference
