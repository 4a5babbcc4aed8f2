// Multiply-accumulates one inference performs: the work figure behind "MACs per instruction".
// Counted from the prepared graph's shapes: FULLY_CONNECTED (output elements x input depth),
// CONV_2D (output elements x KH x KW x filter input channels), DEPTHWISE_CONV_2D (output
// elements x KH x KW). Other operators do no multiply-accumulate work and count zero.
#pragma once

#include <cstdint>

#include "engine/graph.h"

namespace tr::engine {

uint64_t count_macs(const Graph& graph);
// The same count for operator `op_index` alone (0 for an index past the graph).
uint64_t count_op_macs(const Graph& graph, uint32_t op_index);

}  // namespace tr::engine
