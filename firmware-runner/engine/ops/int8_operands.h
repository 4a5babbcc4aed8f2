// Prepare-time operand checks of the element-wise, pooling and data-movement ops. Each returns ok
// or fills the context's error ("operator 3 (ADD): input 1 tensor 5 ...") and returns the
// failing status.
#pragma once

#include <cstdint>

#include "engine/op_registry.h"

namespace tr::engine {

constexpr uint8_t kTypeFloat32 = 0;

// The node has input_count in [min_inputs, max_inputs], all present (no -1), and one output.
// `what` describes the expected operands for the error: "needs one input and one output".
Status check_operand_counts(PrepareContext& ctx, uint8_t min_inputs, uint8_t max_inputs,
                            const char* what);

// INT8, every dimension known, affine quantization with a valid scale and zero point.
Status check_int8_tensor(PrepareContext& ctx, const char* role, int16_t index);

// `b` has exactly the shape of `a`.
Status check_same_shape(PrepareContext& ctx, const char* role_a, int16_t a, const char* role_b,
                        int16_t b);

// A single (per-tensor) scale, as TFLM's activation kernels assume.
Status check_per_tensor(PrepareContext& ctx, const char* role, int16_t index);

}  // namespace tr::engine
