// MEAN (builtin 40): int8 -> int8 over the axes listed by a constant int32 axis tensor
// (negative axes count from the end, repeats are ignored), ReducerOptions.keep_dims
// (int8-quantization.md §21).
#pragma once

#include <cstdint>

#include "engine/kernels/reference/mean_s8.h"
#include "engine/op_registry.h"

namespace tr::engine {

// Prepare math, also used by tests: (multiplier, shift) of (double)s_in / (double)s_out. False
// when it needs a left shift above 30.
bool mean_params(float input_scale, int32_t input_zero_point, float output_scale,
                 int32_t output_zero_point, reference::MeanParams& out);

// Marks the reduced axes of an input of `rank` dims; false for an axis outside [-rank, rank).
bool mean_shape(const int32_t* dims, int32_t rank, const int32_t* axes, uint32_t axis_count,
                reference::ReduceShape& out);

const OpRegistration& register_mean();

}  // namespace tr::engine
