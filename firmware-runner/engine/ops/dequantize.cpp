#include "engine/ops/dequantize.h"

#include "engine/kernels/reference/dequantize_s8.h"
#include "engine/ops/int8_operands.h"
#include "engine/ops/op_checks.h"
#include "engine/schema.h"

namespace tr::engine {
namespace {

Status prepare(PrepareContext& ctx) {
  Status s = check_operand_counts(ctx, 1, 1, "needs one input and one output");
  if (s != Status::ok) return s;
  const int16_t in = ctx.node().inputs[0];
  const int16_t out = ctx.node().outputs[0];
  s = check_int8_tensor(ctx, "input", in);
  if (s == Status::ok) s = check_per_tensor(ctx, "input", in);
  if (s == Status::ok) s = check_tensor_type(ctx, "output", out, kTypeFloat32);
  if (s == Status::ok) s = check_same_shape(ctx, "input", in, "output", out);
  return s;  // scale and zero point are read from the input tensor at eval
}

Status eval(Graph& graph, const OperatorNode& node, ErrorText&) {
  const Tensor& in = graph.tensors[node.inputs[0]];
  const auto* x = reinterpret_cast<const int8_t*>(in.read_data());
  // Arena buffers are 16-byte aligned.
  auto* y = reinterpret_cast<float*>(graph.tensors[node.outputs[0]].data);
  reference::dequantize_s8(in.scale, in.zero_point, in.element_count(), x, y);
  return Status::ok;
}

constexpr OpRegistration kRegistration{schema::kOpDequantize, prepare, eval};

}  // namespace

const OpRegistration& register_dequantize() {
  return kRegistration;
}

}  // namespace tr::engine
