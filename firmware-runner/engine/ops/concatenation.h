// CONCATENATION (builtin 2): int8 inputs joined along ConcatenationOptions.axis (negative counts
// from the end). Every input must carry exactly the output's scale and zero point (TFLM's rule),
// so the op only copies; a fused activation is rejected (int8-quantization.md §20).
#pragma once

#include "engine/op_registry.h"

namespace tr::engine {

const OpRegistration& register_concatenation();

}  // namespace tr::engine
