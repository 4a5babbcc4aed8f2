// Eval-time data pointers of the ops with an input, a filter (weights), an optional int32 bias
// and one output: CONV_2D, DEPTHWISE_CONV_2D and FULLY_CONNECTED.
#pragma once

#include <cstdint>

#include "engine/graph.h"

namespace tr::engine {

struct FilterBuffers {
  const int8_t* input;
  const int8_t* filter;
  const int32_t* bias;  // nullptr when the node has no bias
  int8_t* output;
};

// Prepare has checked the operands; a bias is present when there are three inputs and the third
// is not -1.
inline FilterBuffers filter_buffers(Graph& graph, const OperatorNode& node) {
  FilterBuffers b{};
  b.input = reinterpret_cast<const int8_t*>(graph.tensors[node.inputs[0]].read_data());
  b.filter = reinterpret_cast<const int8_t*>(graph.tensors[node.inputs[1]].read_data());
  if (node.input_count == 3 && node.inputs[2] >= 0) {
    b.bias = reinterpret_cast<const int32_t*>(graph.tensors[node.inputs[2]].read_data());
  }
  b.output = reinterpret_cast<int8_t*>(graph.tensors[node.outputs[0]].data);
  return b;
}

}  // namespace tr::engine
