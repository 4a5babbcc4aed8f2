// Maps the graph's tensors onto the arena: constants stay in the model, every other used tensor
// gets a planned offset (graph inputs and outputs live for the whole graph), and in-place
// aliases share their root's buffer.
#pragma once

#include <cstdint>

#include "common/status.h"
#include "engine/graph.h"

namespace tr::engine {

// Plans the activation tensors and, when the peak fits in `capacity`, points each tensor's
// `data` into [base, base + capacity). `peak` is the planned size either way.
Status place_tensors(Graph& graph, uint8_t* base, uint32_t capacity, uint64_t& peak,
                     ErrorText& err);

}  // namespace tr::engine
