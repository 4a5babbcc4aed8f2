// Parses a .tflite flatbuffer (subgraph 0) into a Graph: tensors, graph inputs and outputs,
// operators in execution order, and each tensor's producer and lifetime. Checks the dataflow:
// every operator input is a constant, a graph input or an earlier operator's output.
#pragma once

#include <cstdint>

#include "common/status.h"
#include "engine/graph.h"

namespace tr::engine {

Status load_graph(const uint8_t* model, uint32_t size, Graph& graph, ErrorText& err);

}  // namespace tr::engine
