// DEPTHWISE_CONV_2D (builtin 4): int8 NHWC input and output, int8 [1, KH, KW, C_out] filter
// quantized per channel along dim 3 (or per tensor), optional int32 bias, SAME/VALID padding,
// strides, dilations, fused activations. The depth multiplier is C_out / C_in; a non-zero
// depth_multiplier option must agree with it (int8-quantization.md §7).
#pragma once

#include "engine/op_registry.h"

namespace tr::engine {

const OpRegistration& register_depthwise_conv_2d();

}  // namespace tr::engine
