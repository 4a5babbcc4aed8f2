// Prepare-time broadcasting for the two-input element-wise ops (ADD, MUL): NumPy rules, as
// TFLM's generic N-D loop (right-aligned shapes, a dimension of 1 repeats).
#pragma once

#include <cstdint>

#include "engine/kernels/reference/broadcast_shape.h"
#include "engine/op_registry.h"

namespace tr::engine {

// The iteration shape for inputs of shapes dims1 (rank1) and dims2 (rank2), ranks <= 6.
// Equal shapes collapse to one flat dimension. False when a dimension pair is neither equal nor
// contains a 1.
bool make_broadcast_shape(const int32_t* dims1, int rank1, const int32_t* dims2, int rank2,
                          reference::BroadcastShape& out);

// make_broadcast_shape for the node's two inputs, and a check that the output tensor has the
// broadcast shape.
Status prepare_broadcast(PrepareContext& ctx, int16_t input1, int16_t input2, int16_t output,
                         reference::BroadcastShape& out);

}  // namespace tr::engine
