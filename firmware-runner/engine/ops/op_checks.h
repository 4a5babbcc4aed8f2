// Prepare-time checks shared by the ops. Each returns ok or fills the context's error with
// "operator 3 (FULLY_CONNECTED): <role> tensor 5 ..." and returns the failing status.
#pragma once

#include <cstdint>

#include "engine/op_registry.h"

namespace tr::engine {

constexpr uint8_t kTypeInt8 = 9;
constexpr uint8_t kTypeInt32 = 2;

Status check_tensor_type(PrepareContext& ctx, const char* role, int16_t index, uint8_t type);
// Every dimension is known (no unresolved -1).
Status check_dims_known(PrepareContext& ctx, const char* role, int16_t index);
// Affine int8 quantization: a finite positive scale and a zero point in [-128, 127].
Status check_int8_quantization(PrepareContext& ctx, const char* role, int16_t index);
// Appends "[1, 640]" to the error text.
void append_shape(ErrorText& err, const Tensor& t);

}  // namespace tr::engine
