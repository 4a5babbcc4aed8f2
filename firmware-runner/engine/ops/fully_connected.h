// FULLY_CONNECTED (builtin 9): int8 input/output, int8 weights (per-tensor or per-channel),
// optional int32 bias, fused NONE/RELU/RELU6/RELU_N1_TO_1, keep_num_dims.
#pragma once

#include "engine/op_registry.h"

namespace tr::engine {

const OpRegistration& register_fully_connected();

}  // namespace tr::engine
