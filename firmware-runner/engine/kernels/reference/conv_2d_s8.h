// Reference int8 CONV_2D (int8-quantization.md §5-§6): the bit-exact oracle for any optimized
// variant. NHWC input [batches, input_h, input_w, input_c], OHWI filter
// [output_c, filter_h, filter_w, filter_c], optional int32 bias [output_c], NHWC output.
// Grouped convolution: groups = input_c / filter_c; output channel oc reads the input channels
// of group oc / (output_c / groups).
#pragma once

#include <cstdint>

namespace tr::engine::reference {

// Geometry and offsets shared by CONV_2D and DEPTHWISE_CONV_2D.
struct ConvParams {
  int32_t input_offset = 0;   // -input zero point
  int32_t output_offset = 0;  // output zero point
  int32_t stride_h = 1;
  int32_t stride_w = 1;
  int32_t dilation_h = 1;
  int32_t dilation_w = 1;
  int32_t pad_top = 0;  // implicit padding before the first row / column (§5)
  int32_t pad_left = 0;
  int32_t act_min = -128;
  int32_t act_max = 127;
};

// One requantization (multiplier, shift) pair per output channel.
struct PerChannelQuant {
  const int32_t* multipliers = nullptr;
  const int32_t* shifts = nullptr;  // each in [-31, 30]
};

struct ConvDims {
  int32_t batches = 0;
  int32_t input_h = 0;
  int32_t input_w = 0;
  int32_t input_c = 0;  // a multiple of filter_c
  int32_t filter_h = 0;
  int32_t filter_w = 0;
  int32_t filter_c = 0;  // input channels per group
  int32_t output_h = 0;
  int32_t output_w = 0;
  int32_t output_c = 0;  // a multiple of the group count
};

// filter_h * filter_w * filter_c must be at most kMaxConvAccumDepth so the int32 accumulator
// cannot overflow (|w| <= 128, |x - z_in| <= 255).
constexpr int32_t kMaxConvAccumDepth = 65536;

void conv_2d_s8(const ConvParams& params, const PerChannelQuant& quant, const ConvDims& dims,
                const int8_t* input, const int8_t* filter, const int32_t* bias, int8_t* output);

}  // namespace tr::engine::reference
