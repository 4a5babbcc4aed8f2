#include "engine/ops/reshape.h"

#include <cstring>

#include "engine/ops/op_checks.h"
#include "engine/schema.h"

namespace tr::engine {
namespace {

// The output tensor's stored shape is the target (TFLM); a single -1 takes what is left.
Status resolve_output_shape(PrepareContext& ctx, const Tensor& in, Tensor& out) {
  uint64_t known = 1;
  int unknown_at = -1;
  for (uint8_t i = 0; i < out.rank; ++i) {
    if (out.dims[i] >= 0) {
      known *= static_cast<uint32_t>(out.dims[i]);
    } else if (unknown_at < 0) {
      unknown_at = i;
    } else {
      ctx.fail().append("output shape has more than one -1 dimension");
      return Status::bad_model;
    }
  }
  const uint32_t elements = in.element_count();
  if (unknown_at >= 0) {
    if (known == 0 || elements % known != 0) {
      append_shape(ctx.fail().append("cannot resolve -1 in output shape "), out);
      ctx.err().append(" for ").append_uint(elements).append(" elements");
      return Status::bad_model;
    }
    out.dims[unknown_at] = static_cast<int32_t>(elements / known);
    out.dims_known = true;
  }
  if (out.element_count() != elements) {
    append_shape(ctx.fail().append("output shape "), out);
    append_shape(ctx.err().append(" does not hold the input's "), in);
    return Status::bad_model;
  }
  out.bytes = in.bytes;
  return Status::ok;
}

Status prepare(PrepareContext& ctx) {
  const OperatorNode& node = ctx.node();
  if (node.input_count < 1 || node.input_count > 2 || node.output_count != 1 ||
      node.inputs[0] < 0) {
    ctx.fail().append("needs an input, an optional shape tensor and one output");
    return Status::bad_model;
  }
  const int16_t in_index = node.inputs[0];
  const int16_t out_index = node.outputs[0];
  Status s = check_tensor_type(ctx, "input", in_index, kTypeInt8);
  if (s == Status::ok) s = check_tensor_type(ctx, "output", out_index, kTypeInt8);
  if (s == Status::ok) s = check_dims_known(ctx, "input", in_index);
  if (s == Status::ok) s = resolve_output_shape(ctx, ctx.tensor(in_index), ctx.tensor(out_index));
  if (s != Status::ok) return s;
  // In place whenever the input lives in the arena: nothing ever writes either tensor after
  // this op, so one buffer covering both lifetimes is enough. A constant input is copied, so
  // the output never points into (read-only) model memory.
  const Tensor& in = ctx.tensor(in_index);
  if (!in.is_constant) ctx.tensor(out_index).alias_of = in.alias_of >= 0 ? in.alias_of : in_index;
  return Status::ok;
}

Status eval(Graph& graph, const OperatorNode& node, ErrorText&) {
  const Tensor& in = graph.tensors[node.inputs[0]];
  Tensor& out = graph.tensors[node.outputs[0]];
  if (out.data != in.read_data()) std::memmove(out.data, in.read_data(), out.bytes);
  return Status::ok;
}

constexpr OpRegistration kRegistration{schema::kOpReshape, prepare, eval};

}  // namespace

const OpRegistration& register_reshape() {
  return kRegistration;
}

}  // namespace tr::engine
