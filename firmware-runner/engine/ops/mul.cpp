#include "engine/ops/mul.h"

#include "engine/ops/broadcast.h"
#include "engine/ops/builtin_options.h"
#include "engine/ops/int8_operands.h"
#include "engine/quantization.h"

namespace tr::engine {
namespace {

constexpr int32_t kOpCode = 18;      // BuiltinOperator MUL
constexpr uint8_t kMulOptions = 21;  // BuiltinOptions union id
constexpr int kActivationSlot = 0;

struct OpData {
  reference::MulParams params;
  reference::BroadcastShape shape;
};

Status prepare(PrepareContext& ctx) {
  Status s = check_operand_counts(ctx, 2, 2, "needs two inputs and one output");
  if (s != Status::ok) return s;
  const OperatorNode& node = ctx.node();
  const int16_t a = node.inputs[0];
  const int16_t b = node.inputs[1];
  const int16_t out = node.outputs[0];
  uint8_t activation = 0;
  s = check_int8_tensor(ctx, "input 1", a);
  if (s == Status::ok) s = check_int8_tensor(ctx, "input 2", b);
  if (s == Status::ok) s = check_int8_tensor(ctx, "output", out);
  if (s == Status::ok)
    s = read_activation_option(ctx, kMulOptions, "MulOptions", kActivationSlot, activation);
  if (s != Status::ok) return s;
  auto* d = static_cast<OpData*>(ctx.allocate_persistent(sizeof(OpData)));
  if (d == nullptr) return Status::no_memory;
  *d = OpData{};
  s = prepare_broadcast(ctx, a, b, out, d->shape);
  if (s != Status::ok) return s;
  const Tensor& ta = ctx.tensor(a);
  const Tensor& tb = ctx.tensor(b);
  const Tensor& to = ctx.tensor(out);
  if (!mul_params(ta.scale, ta.zero_point, tb.scale, tb.zero_point, to.scale, to.zero_point,
                  activation, d->params)) {
    ctx.fail().append("effective scale s1 * s2 / s_out is not representable (>= 2^30)");
    return Status::bad_model;
  }
  ctx.node().op_data = d;
  return Status::ok;
}

Status eval(Graph& graph, const OperatorNode& node, ErrorText&) {
  const auto* d = static_cast<const OpData*>(node.op_data);
  const auto* x1 = reinterpret_cast<const int8_t*>(graph.tensors[node.inputs[0]].read_data());
  const auto* x2 = reinterpret_cast<const int8_t*>(graph.tensors[node.inputs[1]].read_data());
  auto* y = reinterpret_cast<int8_t*>(graph.tensors[node.outputs[0]].data);
  reference::mul_s8(d->params, d->shape, x1, x2, y);
  return Status::ok;
}

constexpr OpRegistration kRegistration{kOpCode, prepare, eval};

}  // namespace

bool mul_params(float scale1, int32_t zero_point1, float scale2, int32_t zero_point2,
                float output_scale, int32_t output_zero_point, uint8_t activation,
                reference::MulParams& out) {
  out = reference::MulParams{};
  out.input1_offset = -zero_point1;
  out.input2_offset = -zero_point2;
  out.output_offset = output_zero_point;
  const double real =
      static_cast<double>(scale1) * static_cast<double>(scale2) / static_cast<double>(output_scale);
  QuantizedMultiplier q;
  if (!quantize_multiplier(real, q) || q.shift > 30) return false;
  out.multiplier = q.multiplier;
  out.shift = q.shift;
  const ActivationRange range = int8_activation_range(activation, output_scale, output_zero_point);
  out.act_min = range.min;
  out.act_max = range.max;
  return true;
}

const OpRegistration& register_mul() {
  return kRegistration;
}

}  // namespace tr::engine
