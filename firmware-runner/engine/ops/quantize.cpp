#include "engine/ops/quantize.h"

#include "engine/builtin_names.h"
#include "engine/ops/int8_operands.h"
#include "engine/ops/op_checks.h"
#include "engine/quantization.h"
#include "engine/schema.h"

namespace tr::engine {
namespace {

struct OpData {
  bool from_float = false;
  float scale = 0.0f;  // output scale (float path)
  int32_t zero_point = 0;
  reference::RequantizeParams requantize;  // int8 path
};

Status check_operands(PrepareContext& ctx, int16_t in, int16_t out) {
  Status s = check_int8_tensor(ctx, "output", out);
  if (s == Status::ok) s = check_per_tensor(ctx, "output", out);
  if (s == Status::ok) s = check_dims_known(ctx, "input", in);
  if (s == Status::ok) s = check_same_shape(ctx, "input", in, "output", out);
  if (s != Status::ok) return s;
  const uint8_t type = ctx.tensor(in).type;
  if (type == kTypeInt8) return check_int8_quantization(ctx, "input", in);
  if (type == kTypeFloat32) return Status::ok;
  ctx.fail().append("input tensor ").append_int(in).append(" is ").append(tensor_type_name(type));
  ctx.err().append(", only FLOAT32 and INT8 are supported");
  return Status::unsupported;
}

Status prepare(PrepareContext& ctx) {
  Status s = check_operand_counts(ctx, 1, 1, "needs one input and one output");
  if (s != Status::ok) return s;
  const int16_t in = ctx.node().inputs[0];
  const int16_t out = ctx.node().outputs[0];
  s = check_operands(ctx, in, out);
  if (s != Status::ok) return s;
  auto* d = static_cast<OpData*>(ctx.allocate_persistent(sizeof(OpData)));
  if (d == nullptr) return Status::no_memory;
  *d = OpData{};
  const Tensor& ti = ctx.tensor(in);
  const Tensor& to = ctx.tensor(out);
  d->from_float = ti.type == kTypeFloat32;
  d->scale = to.scale;
  d->zero_point = to.zero_point;
  if (!d->from_float &&
      !requantize_params(ti.scale, ti.zero_point, to.scale, to.zero_point, d->requantize)) {
    ctx.fail().append("input scale / output scale is not representable (>= 2^30)");
    return Status::bad_model;
  }
  ctx.node().op_data = d;
  return Status::ok;
}

Status eval(Graph& graph, const OperatorNode& node, ErrorText&) {
  const auto* d = static_cast<const OpData*>(node.op_data);
  const Tensor& in = graph.tensors[node.inputs[0]];
  auto* y = reinterpret_cast<int8_t*>(graph.tensors[node.outputs[0]].data);
  if (d->from_float) {
    // Arena buffers are 16-byte aligned and constants 4-byte aligned (checked at load).
    const auto* x = reinterpret_cast<const float*>(in.read_data());
    reference::quantize_f32_s8(d->scale, d->zero_point, in.element_count(), x, y);
  } else {
    const auto* x = reinterpret_cast<const int8_t*>(in.read_data());
    reference::requantize_s8(d->requantize, in.element_count(), x, y);
  }
  return Status::ok;
}

constexpr OpRegistration kRegistration{schema::kOpQuantize, prepare, eval};

}  // namespace

bool requantize_params(float input_scale, int32_t input_zero_point, float output_scale,
                       int32_t output_zero_point, reference::RequantizeParams& out) {
  out = reference::RequantizeParams{};
  out.input_zero_point = input_zero_point;
  out.output_zero_point = output_zero_point;
  QuantizedMultiplier q;
  if (!rescale_multiplier(input_scale, output_scale, q)) return false;
  out.multiplier = q.multiplier;
  out.shift = q.shift;
  return true;
}

const OpRegistration& register_quantize() {
  return kRegistration;
}

}  // namespace tr::engine
