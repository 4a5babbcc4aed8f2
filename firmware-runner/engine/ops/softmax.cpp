#include "engine/ops/softmax.h"

#include <cmath>

#include "engine/ops/builtin_options.h"
#include "engine/ops/int8_operands.h"
#include "engine/ops/op_checks.h"
#include "engine/quantization.h"
#include "engine/schema.h"

namespace tr::engine {
namespace {

constexpr int kBetaSlot = 0;
constexpr int kScaledDiffIntegerBits = 5;

struct OpData {
  reference::SoftmaxParams params;
  int32_t rows = 0;
  int32_t depth = 0;
};

Status check_operands(PrepareContext& ctx, int16_t in, int16_t out) {
  Status s = check_int8_tensor(ctx, "input", in);
  if (s == Status::ok) s = check_int8_tensor(ctx, "output", out);
  if (s == Status::ok) s = check_same_shape(ctx, "input", in, "output", out);
  if (s != Status::ok) return s;
  const Tensor& ti = ctx.tensor(in);
  const Tensor& to = ctx.tensor(out);
  if (ti.rank < 1 || ti.dims[ti.rank - 1] < 1) {
    append_shape(ctx.fail().append("input shape "), ti);
    ctx.err().append(" has no non-empty last dimension");
    return Status::bad_model;
  }
  // TFLM: exactly scale 1/256 (float equality) and zero point -128.
  if (to.scale != 1.0f / 256.0f || to.zero_point != -128) {
    ctx.fail().append("output quantization must be scale 1/256, zero point -128 (has zero point ");
    ctx.err().append_int(to.zero_point).append(")");
    return Status::unsupported;
  }
  return Status::ok;
}

Status prepare(PrepareContext& ctx) {
  Status s = check_operand_counts(ctx, 1, 1, "needs one input and one output");
  if (s != Status::ok) return s;
  const int16_t in = ctx.node().inputs[0];
  const int16_t out = ctx.node().outputs[0];
  float beta = 0.0f;
  s = check_operands(ctx, in, out);
  if (s == Status::ok)
    s = read_option<float>(ctx, schema::kSoftmaxOptions, "SoftmaxOptions", kBetaSlot, "beta", 0.0f,
                           beta);
  if (s != Status::ok) return s;
  auto* d = static_cast<OpData*>(ctx.allocate_persistent(sizeof(OpData)));
  if (d == nullptr) return Status::no_memory;
  *d = OpData{};
  const Tensor& ti = ctx.tensor(in);
  if (!softmax_params(ti.scale, beta, d->params)) {
    ctx.fail().append("beta * input scale * 2^26 must be above 1 (beta missing or too small?)");
    return Status::bad_model;
  }
  d->depth = ti.dims[ti.rank - 1];
  d->rows = static_cast<int32_t>(ti.element_count() / static_cast<uint32_t>(d->depth));
  ctx.node().op_data = d;
  return Status::ok;
}

Status eval(Graph& graph, const OperatorNode& node, ErrorText& err) {
  const auto* d = static_cast<const OpData*>(node.op_data);
  const auto* x = reinterpret_cast<const int8_t*>(graph.tensors[node.inputs[0]].read_data());
  auto* y = reinterpret_cast<int8_t*>(graph.tensors[node.outputs[0]].data);
  int32_t bad_row = 0;
  if (reference::softmax_s8(d->params, d->rows, d->depth, x, y, bad_row)) return Status::ok;
  const auto op_index = static_cast<uint32_t>(&node - graph.ops);
  begin_operator_error(err, op_index, node.code).append("row ").append_int(bad_row);
  err.append(" of ").append_int(d->depth);
  err.append(" entries overflows the fixed-point sum of exponentials (TFLM aborts here)");
  return Status::unsupported;
}

constexpr OpRegistration kRegistration{schema::kOpSoftmax, prepare, eval};

}  // namespace

bool softmax_params(float input_scale, float beta, reference::SoftmaxParams& out) {
  out = reference::SoftmaxParams{};
  constexpr double kScale = static_cast<double>(int64_t{1} << (31 - kScaledDiffIntegerBits));
  double real = static_cast<double>(beta) * static_cast<double>(input_scale) * kScale;
  if (real > 2147483647.0) real = 2147483647.0;
  QuantizedMultiplier q;
  if (!(real > 1.0) || !quantize_multiplier(real, q)) return false;
  out.input_multiplier = q.multiplier;
  out.input_left_shift = q.shift;  // in [1, 31] for a real in (1, 2^31 - 1]
  const double radius = 31.0 * kScale / static_cast<double>(int64_t{1} << q.shift);
  out.diff_min = -static_cast<int32_t>(std::floor(radius));
  return true;
}

const OpRegistration& register_softmax() {
  return kRegistration;
}

}  // namespace tr::engine
