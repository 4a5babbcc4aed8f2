// The 1x1 CONV_2D fast path (the bulk of the MACs in KWS and VWW): weight-stationary. Two
// filter rows at a time are widened once into scratch, with their requantization constants and
// bias + input_offset * sum(w) folded into the starting sums, then every pair of output pixels
// reads its int8 input channels straight from the tensor (a 1x1 filter never pads), so there is
// no im2col and the per-output work is the MACs plus one requantization.
#pragma once

#include <cstdint>

#include "engine/kernels/dsp/dsp_kernels.h"

namespace tr::engine::dsp {

// 1x1 filter, no padding, no groups, input_c a multiple of 4.
bool pointwise_handled(const ConvParams& params, const ConvDims& dims);

// Scratch: two widened filter rows (4 * input_c bytes).
uint32_t pointwise_scratch_bytes(const ConvDims& dims);

// Every requantization pair must be requant_supported().
void pointwise_conv(const ConvParams& params, const PerChannelQuant& quant, const ConvDims& dims,
                    const int8_t* input, const int8_t* filter, const int32_t* bias, int8_t* output,
                    void* scratch);

}  // namespace tr::engine::dsp
