// PAD (builtin 34) and PADV2 (builtin 60) for int8 tensors of rank 0-6: a constant int32 or
// int64 paddings tensor [rank, 2] of non-negative (before, after) pairs; the fill is the output
// zero point, or PADV2's constant int8 value, which must share the output's scale and zero
// point (int8-quantization.md §20). Both ops accept 2 or 3 inputs, as TFLM's shared kernel does.
#pragma once

#include "engine/op_registry.h"

namespace tr::engine {

const OpRegistration& register_pad();
const OpRegistration& register_padv2();

}  // namespace tr::engine
