// CONV_2D through ReadMode::runs (filter rows of whole 16-byte blocks): pixels whose taps are all
// inside the image read the input in place, four neighbours at a time where the row allows
// (conv_row4.h); border pixels go through kBorderColumns im2col columns in scratch.
#pragma once

#include <cstdint>

#include "engine/kernels/reference/conv_2d_s8.h"

namespace tr::engine::helium {

// any_left_shift: some quant.shifts entry is positive. folded: bias + input_offset * sum(w).
void conv_runs(bool any_left_shift, const reference::ConvParams& params,
               const reference::PerChannelQuant& quant, const reference::ConvDims& dims,
               const int8_t* input, const int8_t* filter, const int32_t* folded, int8_t* scratch,
               int8_t* output);

}  // namespace tr::engine::helium
