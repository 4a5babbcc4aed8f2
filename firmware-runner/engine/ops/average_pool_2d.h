// AVERAGE_POOL_2D (builtin 1): int8 NHWC, Pool2DOptions, SAME/VALID, fused activation; input
// and output share one quantization (int8-quantization.md §9).
#pragma once

#include "engine/op_registry.h"

namespace tr::engine {

const OpRegistration& register_average_pool_2d();

}  // namespace tr::engine
