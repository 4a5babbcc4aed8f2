#include "engine/ops/mean.h"

#include <cstring>

#include "engine/ops/builtin_options.h"
#include "engine/ops/int8_operands.h"
#include "engine/ops/op_checks.h"
#include "engine/quantization.h"
#include "engine/schema.h"

namespace tr::engine {
namespace {

constexpr int kKeepDimsSlot = 0;
// At most 2^23 values per output keep sum - z_in * N inside int32.
constexpr uint32_t kMaxReduced = uint32_t{1} << 23;

struct OpData {
  reference::MeanParams params;
  reference::ReduceShape shape;
};

Status read_axes(PrepareContext& ctx, int16_t axis, const Tensor& in,
                 reference::ReduceShape& shape) {
  Status s = check_tensor_type(ctx, "axis", axis, kTypeInt32);
  if (s != Status::ok) return s;
  const Tensor& t = ctx.tensor(axis);
  if (!t.is_constant || t.rank > 1) {
    ctx.fail().append("axis tensor ").append_int(axis).append(" must be a constant int32 vector");
    return Status::unsupported;
  }
  const uint32_t count = t.element_count();
  int32_t axes[2 * reference::kMaxReduceRank] = {};
  if (count > 2 * reference::kMaxReduceRank) {
    ctx.fail().append("axis tensor lists ").append_uint(count).append(" axes, too many");
    return Status::unsupported;
  }
  std::memcpy(axes, t.read_data(), count * sizeof(int32_t));
  if (!mean_shape(in.dims, in.rank, axes, count, shape)) {
    append_shape(ctx.fail().append("an axis is outside the input's rank, input "), in);
    return Status::bad_model;
  }
  if (shape.reduced_count() == 0 || shape.reduced_count() > kMaxReduced) {
    ctx.fail().append("reduces ").append_uint(shape.reduced_count()).append(" values per output");
    ctx.err().append(", supported 1 to 2^23");
    return Status::unsupported;
  }
  return Status::ok;
}

// keep_dims: reduced axes become 1; otherwise they are dropped.
Status check_output_shape(PrepareContext& ctx, const reference::ReduceShape& shape, bool keep_dims,
                          const Tensor& out) {
  int32_t expected[reference::kMaxReduceRank] = {};
  int32_t rank = 0;
  for (int32_t d = 0; d < shape.rank; ++d) {
    if (!shape.reduced[d])
      expected[rank++] = shape.dims[d];
    else if (keep_dims)
      expected[rank++] = 1;
  }
  bool ok = out.rank == rank;
  for (int32_t d = 0; ok && d < rank; ++d) ok = out.dims[d] == expected[d];
  if (ok) return Status::ok;
  append_shape(ctx.fail().append("output shape "), out);
  ctx.err()
      .append(" does not match the reduction (keep_dims ")
      .append(keep_dims ? "true" : "false");
  ctx.err().append(")");
  return Status::bad_model;
}

Status prepare(PrepareContext& ctx) {
  Status s = check_operand_counts(ctx, 2, 2, "needs an input, an axis tensor and one output");
  if (s != Status::ok) return s;
  const int16_t in = ctx.node().inputs[0];
  const int16_t axis = ctx.node().inputs[1];
  const int16_t out = ctx.node().outputs[0];
  uint8_t keep_dims = 0;
  s = check_int8_tensor(ctx, "input", in);
  if (s == Status::ok) s = check_int8_tensor(ctx, "output", out);
  if (s == Status::ok)
    s = read_option<uint8_t>(ctx, schema::kReducerOptions, "ReducerOptions", kKeepDimsSlot,
                             "keep_dims", 0, keep_dims);
  if (s != Status::ok) return s;
  auto* d = static_cast<OpData*>(ctx.allocate_persistent(sizeof(OpData)));
  if (d == nullptr) return Status::no_memory;
  *d = OpData{};
  const Tensor& ti = ctx.tensor(in);
  const Tensor& to = ctx.tensor(out);
  s = read_axes(ctx, axis, ti, d->shape);
  if (s == Status::ok) s = check_output_shape(ctx, d->shape, keep_dims != 0, to);
  if (s != Status::ok) return s;
  if (!mean_params(ti.scale, ti.zero_point, to.scale, to.zero_point, d->params)) {
    ctx.fail().append("input scale / output scale is not representable (>= 2^30)");
    return Status::bad_model;
  }
  ctx.node().op_data = d;
  return Status::ok;
}

Status eval(Graph& graph, const OperatorNode& node, ErrorText&) {
  const auto* d = static_cast<const OpData*>(node.op_data);
  const auto* x = reinterpret_cast<const int8_t*>(graph.tensors[node.inputs[0]].read_data());
  auto* y = reinterpret_cast<int8_t*>(graph.tensors[node.outputs[0]].data);
  reference::mean_s8(d->params, d->shape, x, y);
  return Status::ok;
}

constexpr OpRegistration kRegistration{schema::kOpMean, prepare, eval};

}  // namespace

bool mean_params(float input_scale, int32_t input_zero_point, float output_scale,
                 int32_t output_zero_point, reference::MeanParams& out) {
  out = reference::MeanParams{};
  out.input_zero_point = input_zero_point;
  out.output_zero_point = output_zero_point;
  QuantizedMultiplier q;
  if (!rescale_multiplier(input_scale, output_scale, q)) return false;
  out.multiplier = q.multiplier;
  out.shift = q.shift;
  return true;
}

bool mean_shape(const int32_t* dims, int32_t rank, const int32_t* axes, uint32_t axis_count,
                reference::ReduceShape& out) {
  out = reference::ReduceShape{};
  if (rank < 0 || rank > reference::kMaxReduceRank) return false;
  out.rank = rank;
  for (int32_t d = 0; d < rank; ++d) out.dims[d] = dims[d];
  for (uint32_t i = 0; i < axis_count; ++i) {
    const int32_t a = axes[i] < 0 ? axes[i] + rank : axes[i];
    if (a < 0 || a >= rank) return false;
    out.reduced[a] = true;
  }
  return true;
}

const OpRegistration& register_mean() {
  return kRegistration;
}

}  // namespace tr::engine
