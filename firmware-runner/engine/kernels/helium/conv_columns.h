// CONV_2D through ReadMode::in_place (scratch is nullptr: each pixel's channels are its column)
// or ReadMode::im2col (four columns in scratch, reused in turn). Four pixels at a time.
#pragma once

#include <cstdint>

#include "engine/kernels/reference/conv_2d_s8.h"

namespace tr::engine::helium {

// any_left_shift: some quant.shifts entry is positive. folded: bias + input_offset * sum(w).
void conv_columns(bool any_left_shift, const reference::ConvParams& params,
                  const reference::PerChannelQuant& quant, const reference::ConvDims& dims,
                  const int8_t* input, const int8_t* filter, const int32_t* folded, int8_t* scratch,
                  int8_t* output);

}  // namespace tr::engine::helium
