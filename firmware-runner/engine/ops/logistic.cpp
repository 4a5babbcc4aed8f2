#include "engine/ops/logistic.h"

#include <cmath>

#include "engine/ops/int8_operands.h"
#include "engine/schema.h"

namespace tr::engine {
namespace {

constexpr int kInputIntegerBits = 4;

Status prepare(PrepareContext& ctx) {
  Status s = check_operand_counts(ctx, 1, 1, "needs one input and one output");
  if (s != Status::ok) return s;
  const int16_t in = ctx.node().inputs[0];
  const int16_t out = ctx.node().outputs[0];
  s = check_int8_tensor(ctx, "input", in);
  if (s == Status::ok) s = check_int8_tensor(ctx, "output", out);
  if (s == Status::ok) s = check_same_shape(ctx, "input", in, "output", out);
  if (s != Status::ok) return s;
  if (ctx.tensor(out).zero_point != -128) {
    ctx.fail().append("output zero point ").append_int(ctx.tensor(out).zero_point);
    ctx.err().append(" must be -128");
    return Status::unsupported;
  }
  auto* d = static_cast<reference::LogisticParams*>(
      ctx.allocate_persistent(sizeof(reference::LogisticParams)));
  if (d == nullptr) return Status::no_memory;
  if (!logistic_params(ctx.tensor(in).scale, ctx.tensor(in).zero_point, *d)) {
    ctx.fail().append("input scale is below 2^-28, which is not supported");
    return Status::unsupported;
  }
  ctx.node().op_data = d;
  return Status::ok;
}

Status eval(Graph& graph, const OperatorNode& node, ErrorText&) {
  const auto* p = static_cast<const reference::LogisticParams*>(node.op_data);
  const Tensor& in = graph.tensors[node.inputs[0]];
  const auto* x = reinterpret_cast<const int8_t*>(in.read_data());
  auto* y = reinterpret_cast<int8_t*>(graph.tensors[node.outputs[0]].data);
  reference::logistic_s8(*p, in.element_count(), x, y);
  return Status::ok;
}

constexpr OpRegistration kRegistration{schema::kOpLogistic, prepare, eval};

}  // namespace

bool logistic_params(float input_scale, int32_t input_zero_point, reference::LogisticParams& out) {
  out = reference::LogisticParams{};
  const double real = static_cast<double>(input_scale) *
                      static_cast<double>(int64_t{1} << (31 - kInputIntegerBits));
  if (!(real > 0.0) || !std::isfinite(real)) return false;
  int shift = 0;
  const double q = std::frexp(real, &shift);
  const double m = std::round(q * 2147483648.0);
  // A float32 scale has 24 significant bits, so q * 2^31 never rounds up to 2^31.
  if (shift < 0 || m >= 2147483648.0) return false;
  out.input_zero_point = input_zero_point;
  out.input_multiplier = static_cast<int32_t>(m);
  out.input_left_shift = shift;
  // floor(15 * 2^27 / 2^shift); 0 from shift 31 on, where every input saturates.
  out.input_range_radius =
      shift >= 31 ? 0
                  : static_cast<int32_t>(std::floor(15.0 * static_cast<double>(1 << 27) /
                                                    static_cast<double>(int64_t{1} << shift)));
  return true;
}

const OpRegistration& register_logistic() {
  return kRegistration;
}

}  // namespace tr::engine
