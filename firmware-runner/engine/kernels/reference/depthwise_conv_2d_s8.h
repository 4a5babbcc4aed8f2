// Reference int8 DEPTHWISE_CONV_2D (int8-quantization.md §5, §7): the bit-exact oracle for any
// optimized variant. NHWC input [batches, input_h, input_w, input_c], filter
// [1, filter_h, filter_w, output_c] with output_c = input_c * depth_multiplier, optional int32
// bias [output_c]. Output channel oc = ic * depth_multiplier + m reads only input channel ic.
#pragma once

#include <cstdint>

#include "engine/kernels/reference/conv_2d_s8.h"

namespace tr::engine::reference {

struct DepthwiseConvDims {
  int32_t batches = 0;
  int32_t input_h = 0;
  int32_t input_w = 0;
  int32_t input_c = 0;
  int32_t filter_h = 0;  // filter_h * filter_w <= kMaxConvAccumDepth
  int32_t filter_w = 0;
  int32_t depth_multiplier = 1;
  int32_t output_h = 0;
  int32_t output_w = 0;
  int32_t output_c = 0;  // input_c * depth_multiplier
};

void depthwise_conv_2d_s8(const ConvParams& params, const PerChannelQuant& quant,
                          const DepthwiseConvDims& dims, const int8_t* input, const int8_t* filter,
                          const int32_t* bias, int8_t* output);

}  // namespace tr::engine::reference
