#include "engine/mac_count.h"

#include "engine/schema.h"

namespace tr::engine {
namespace {

// Product of a filter's dimensions from `first` to `last` (inclusive).
uint64_t dims_product(const Tensor& t, uint8_t first, uint8_t last) {
  uint64_t n = 1;
  for (uint8_t i = first; i <= last && i < t.rank; ++i) n *= static_cast<uint64_t>(t.dims[i]);
  return n;
}

}  // namespace

uint64_t count_op_macs(const Graph& graph, uint32_t op_index) {
  if (op_index >= graph.op_count) return 0;
  const OperatorNode& op = graph.ops[op_index];
  if (op.input_count < 2 || op.output_count < 1) return 0;
  const Tensor& weights = graph.tensors[op.inputs[1]];
  const uint64_t outputs = graph.tensors[op.outputs[0]].element_count();
  switch (op.code) {
    case schema::kOpFullyConnected:  // weights [out, depth]
      return outputs * dims_product(weights, 1, 1);
    case schema::kOpConv2D:  // filter [OC, KH, KW, IC per group]
      return outputs * dims_product(weights, 1, 3);
    case schema::kOpDepthwiseConv2D:  // filter [1, KH, KW, OC]
      return outputs * dims_product(weights, 1, 2);
    default:
      return 0;
  }
}

uint64_t count_macs(const Graph& graph) {
  uint64_t total = 0;
  for (uint32_t i = 0; i < graph.op_count; ++i) total += count_op_macs(graph, i);
  return total;
}

}  // namespace tr::engine
