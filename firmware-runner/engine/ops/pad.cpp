#include "engine/ops/pad.h"

#include <cstring>

#include "engine/kernels/reference/pad_s8.h"
#include "engine/ops/op_checks.h"
#include "engine/schema.h"

namespace tr::engine {
namespace {

constexpr uint8_t kTypeInt64 = 4;

static_assert(reference::kMaxPadRank >= kMaxRank, "the pad kernel must take every tensor rank");

struct Operands {
  int16_t input, paddings, constant, output;  // constant may be kNoTensor
};

Status check_operands(PrepareContext& ctx, Operands& ops) {
  const OperatorNode& node = ctx.node();
  if (node.input_count < 2 || node.input_count > 3 || node.output_count != 1 ||
      node.inputs[0] < 0 || node.inputs[1] < 0 || node.outputs[0] < 0) {
    ctx.fail().append("needs input, paddings, optional constant value and one output");
    return Status::bad_model;
  }
  ops = {node.inputs[0], node.inputs[1], node.input_count == 3 ? node.inputs[2] : kNoTensor,
         node.outputs[0]};
  Status s = check_tensor_type(ctx, "input", ops.input, kTypeInt8);
  if (s == Status::ok) s = check_tensor_type(ctx, "output", ops.output, kTypeInt8);
  if (s == Status::ok) s = check_dims_known(ctx, "input", ops.input);
  if (s == Status::ok) s = check_dims_known(ctx, "output", ops.output);
  if (s == Status::ok) s = check_dims_known(ctx, "paddings", ops.paddings);
  if (s == Status::ok) s = check_int8_quantization(ctx, "output", ops.output);
  if (s != Status::ok) return s;
  const uint8_t type = ctx.tensor(ops.paddings).type;
  if (type != kTypeInt32 && type != kTypeInt64) {
    return check_tensor_type(ctx, "paddings", ops.paddings, kTypeInt32);  // names the type
  }
  return Status::ok;
}

int64_t padding_at(const Tensor& paddings, uint32_t i) {
  const uint8_t* p = paddings.read_data();
  if (paddings.type == kTypeInt32) {
    int32_t v;
    std::memcpy(&v, p + 4u * i, sizeof v);
    return v;
  }
  int64_t v;
  std::memcpy(&v, p + 8u * i, sizeof v);
  return v;
}

// Reads the constant [rank, 2] paddings and checks input + before + after = output per dim.
Status read_paddings(PrepareContext& ctx, const Operands& ops, reference::PadParams& params) {
  const Tensor& in = ctx.tensor(ops.input);
  const Tensor& paddings = ctx.tensor(ops.paddings);
  const Tensor& out = ctx.tensor(ops.output);
  if (!paddings.is_constant) {
    ctx.fail().append("paddings tensor ").append_int(ops.paddings).append(" is not constant");
    return Status::unsupported;
  }
  if (paddings.rank != 2 || paddings.dims[0] != in.rank || paddings.dims[1] != 2) {
    append_shape(ctx.fail().append("paddings shape "), paddings);
    ctx.err().append(" is not [").append_uint(in.rank).append(", 2] for the input's rank");
    return Status::bad_model;
  }
  if (out.rank != in.rank) {
    append_shape(ctx.fail().append("output shape "), out);
    append_shape(ctx.err().append(" and input shape "), in);
    ctx.err().append(" differ in rank");
    return Status::bad_model;
  }
  params.rank = in.rank;
  for (uint32_t d = 0; d < in.rank; ++d) {
    const int64_t before = padding_at(paddings, 2 * d);
    const int64_t after = padding_at(paddings, 2 * d + 1);
    if (before < 0 || after < 0 || in.dims[d] + before + after != out.dims[d]) {
      ctx.fail().append("dim ").append_uint(d).append(": input ").append_int(in.dims[d]);
      ctx.err().append(" padded by (").append_int(before).append(", ").append_int(after);
      ctx.err().append(") does not give output ").append_int(out.dims[d]);
      return Status::bad_model;
    }
    params.input_dims[d] = in.dims[d];
    params.before[d] = static_cast<int32_t>(before);
    params.after[d] = static_cast<int32_t>(after);
  }
  return Status::ok;
}

// The fill: output zero point, or the single constant value sharing the output's quantization.
Status read_fill(PrepareContext& ctx, const Operands& ops, reference::PadParams& params) {
  const Tensor& out = ctx.tensor(ops.output);
  if (ops.constant < 0) {
    params.fill = static_cast<int8_t>(out.zero_point);
    return Status::ok;
  }
  Status s = check_tensor_type(ctx, "constant value", ops.constant, kTypeInt8);
  if (s == Status::ok) s = check_dims_known(ctx, "constant value", ops.constant);
  if (s != Status::ok) return s;
  const Tensor& c = ctx.tensor(ops.constant);
  if (!c.is_constant || c.element_count() != 1) {
    ctx.fail().append("constant value tensor ").append_int(ops.constant);
    ctx.err().append(" is not a constant with one element");
    return Status::unsupported;
  }
  if (!c.quantized || c.zero_point != out.zero_point || c.scale != out.scale) {
    ctx.fail().append("constant value quantization differs from the output's");
    return Status::bad_model;
  }
  params.fill = static_cast<int8_t>(c.read_data()[0]);
  return Status::ok;
}

Status prepare(PrepareContext& ctx) {
  Operands ops{};
  Status s = check_operands(ctx, ops);
  if (s != Status::ok) return s;
  auto* params =
      static_cast<reference::PadParams*>(ctx.allocate_persistent(sizeof(reference::PadParams)));
  if (params == nullptr) return Status::no_memory;
  *params = reference::PadParams{};
  s = read_paddings(ctx, ops, *params);
  if (s == Status::ok) s = read_fill(ctx, ops, *params);
  if (s != Status::ok) return s;
  ctx.node().op_data = params;
  return Status::ok;
}

Status eval(Graph& graph, const OperatorNode& node, ErrorText&) {
  const auto* params = static_cast<const reference::PadParams*>(node.op_data);
  const auto* x = reinterpret_cast<const int8_t*>(graph.tensors[node.inputs[0]].read_data());
  auto* y = reinterpret_cast<int8_t*>(graph.tensors[node.outputs[0]].data);
  reference::pad_s8(*params, x, y);
  return Status::ok;
}

constexpr OpRegistration kPad{schema::kOpPad, prepare, eval};
constexpr OpRegistration kPadV2{schema::kOpPadV2, prepare, eval};

}  // namespace

const OpRegistration& register_pad() {
  return kPad;
}

const OpRegistration& register_padv2() {
  return kPadV2;
}

}  // namespace tr::engine
