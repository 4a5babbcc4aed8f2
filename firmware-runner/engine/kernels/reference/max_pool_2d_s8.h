// Reference int8 MAX_POOL_2D (int8-quantization.md §10): the largest in-bounds tap (starting from
// -128; padding never counts), then the fused-activation clamp. No requantization.
#pragma once

#include <cstdint>

#include "engine/kernels/reference/pool_2d_params.h"

namespace tr::engine::reference {

void max_pool_2d_s8(const Pool2dParams& params, const Pool2dDims& dims, const int8_t* input,
                    int8_t* output);

}  // namespace tr::engine::reference
