#include "engine/ops/concatenation.h"

#include "engine/graph.h"
#include "engine/kernels/reference/concatenation_s8.h"
#include "engine/ops/builtin_options.h"
#include "engine/ops/int8_operands.h"
#include "engine/ops/op_checks.h"
#include "engine/schema.h"

namespace tr::engine {
namespace {

constexpr int kAxisSlot = 0, kActivationSlot = 1;

struct OpData {
  uint32_t outer = 0;  // product of the dimensions before the axis
  uint32_t slice_bytes[kMaxOpInputs] = {};
};

Status read_options(PrepareContext& ctx, int32_t& axis) {
  constexpr const char* kTable = "ConcatenationOptions";
  uint8_t activation = 0;
  Status s =
      read_option<int32_t>(ctx, schema::kConcatenationOptions, kTable, kAxisSlot, "axis", 0, axis);
  if (s == Status::ok)
    s = read_activation_option(ctx, schema::kConcatenationOptions, kTable, kActivationSlot,
                               activation);
  if (s == Status::ok && activation != 0) {
    ctx.fail().append("fused activation ").append_uint(activation).append(" is not supported");
    return Status::unsupported;
  }
  return s;
}

// Same type, same quantization, same rank and same dimensions off the axis as the output.
Status check_input(PrepareContext& ctx, int16_t index, const Tensor& out, int32_t axis) {
  Status s = check_int8_tensor(ctx, "input", index);
  if (s != Status::ok) return s;
  const Tensor& t = ctx.tensor(index);
  if (t.scale != out.scale || t.zero_point != out.zero_point) {
    ctx.fail().append("input tensor ").append_int(index);
    ctx.err().append(": scale or zero point differs from the output's (no requantization)");
    return Status::unsupported;
  }
  bool ok = t.rank == out.rank;
  for (int32_t d = 0; ok && d < out.rank; ++d) ok = d == axis || t.dims[d] == out.dims[d];
  if (ok) return Status::ok;
  append_shape(ctx.fail().append("input shape "), t);
  append_shape(ctx.err().append(" does not fit output "), out);
  ctx.err().append(" off axis ").append_int(axis);
  return Status::bad_model;
}

Status prepare(PrepareContext& ctx) {
  Status s = check_operand_counts(ctx, 1, kMaxOpInputs, "needs one or more inputs and one output");
  const OperatorNode& node = ctx.node();
  const int16_t out = node.outputs[0];
  int32_t axis = 0;
  if (s == Status::ok) s = check_int8_tensor(ctx, "output", out);
  if (s == Status::ok) s = read_options(ctx, axis);
  if (s != Status::ok) return s;
  const Tensor& to = ctx.tensor(out);
  const int32_t rank = to.rank;
  if (axis < 0) axis += rank;
  if (axis < 0 || axis >= rank) {
    append_shape(ctx.fail().append("axis is outside output shape "), to);
    return Status::bad_model;
  }
  auto* d = static_cast<OpData*>(ctx.allocate_persistent(sizeof(OpData)));
  if (d == nullptr) return Status::no_memory;
  *d = OpData{};
  uint32_t inner = 1;
  for (int32_t i = axis + 1; i < rank; ++i) inner *= static_cast<uint32_t>(to.dims[i]);
  d->outer = 1;
  for (int32_t i = 0; i < axis; ++i) d->outer *= static_cast<uint32_t>(to.dims[i]);
  int64_t axis_total = 0;
  for (uint8_t i = 0; i < node.input_count; ++i) {
    s = check_input(ctx, node.inputs[i], to, axis);
    if (s != Status::ok) return s;
    const int32_t n = ctx.tensor(node.inputs[i]).dims[axis];
    axis_total += n;
    d->slice_bytes[i] = static_cast<uint32_t>(n) * inner;
  }
  if (axis_total != to.dims[axis]) {
    ctx.fail().append("inputs add up to ").append_int(axis_total).append(" along axis ");
    append_shape(ctx.err().append_int(axis).append(", output shape "), to);
    return Status::bad_model;
  }
  ctx.node().op_data = d;
  return Status::ok;
}

Status eval(Graph& graph, const OperatorNode& node, ErrorText&) {
  const auto* d = static_cast<const OpData*>(node.op_data);
  const int8_t* inputs[kMaxOpInputs] = {};
  for (uint8_t i = 0; i < node.input_count; ++i) {
    inputs[i] = reinterpret_cast<const int8_t*>(graph.tensors[node.inputs[i]].read_data());
  }
  auto* y = reinterpret_cast<int8_t*>(graph.tensors[node.outputs[0]].data);
  reference::concatenation_s8(d->outer, node.input_count, inputs, d->slice_bytes, y);
  return Status::ok;
}

constexpr OpRegistration kRegistration{schema::kOpConcatenation, prepare, eval};

}  // namespace

const OpRegistration& register_concatenation() {
  return kRegistration;
}

}  // namespace tr::engine
