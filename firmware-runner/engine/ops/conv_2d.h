// CONV_2D (builtin 3): int8 NHWC input and output, int8 OHWI filter quantized per channel
// along dim 0 (or per tensor), optional int32 bias, SAME/VALID padding, strides, dilations,
// fused NONE/RELU/RELU6/RELU_N1_TO_1, grouped convolution (input channels a multiple of the
// filter's).
#pragma once

#include "engine/op_registry.h"

namespace tr::engine {

const OpRegistration& register_conv_2d();

}  // namespace tr::engine
