// DEQUANTIZE (builtin 6): int8 -> float32, s * (q - z) formed in double and rounded to float32
// once; per-tensor input quantization only (int8-quantization.md §19).
#pragma once

#include "engine/op_registry.h"

namespace tr::engine {

const OpRegistration& register_dequantize();

}  // namespace tr::engine
