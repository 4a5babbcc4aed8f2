#include "engine/ops/max_pool_2d.h"

#include "engine/kernels/reference/max_pool_2d_s8.h"
#include "engine/ops/pool_2d_common.h"

namespace tr::engine {
namespace {

constexpr int32_t kOpCode = 17;  // BuiltinOperator MAX_POOL_2D

Status eval(Graph& graph, const OperatorNode& node, ErrorText&) {
  const auto* d = static_cast<const Pool2dOpData*>(node.op_data);
  const auto* x = reinterpret_cast<const int8_t*>(graph.tensors[node.inputs[0]].read_data());
  auto* y = reinterpret_cast<int8_t*>(graph.tensors[node.outputs[0]].data);
  reference::max_pool_2d_s8(d->params, d->dims, x, y);
  return Status::ok;
}

constexpr OpRegistration kRegistration{kOpCode, prepare_pool_2d, eval};

}  // namespace

const OpRegistration& register_max_pool_2d() {
  return kRegistration;
}

}  // namespace tr::engine
