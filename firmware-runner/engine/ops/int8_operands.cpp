#include "engine/ops/int8_operands.h"

#include "engine/ops/op_checks.h"

namespace tr::engine {

Status check_operand_counts(PrepareContext& ctx, uint8_t min_inputs, uint8_t max_inputs,
                            const char* what) {
  const OperatorNode& node = ctx.node();
  bool ok =
      node.input_count >= min_inputs && node.input_count <= max_inputs && node.output_count == 1;
  for (uint8_t i = 0; ok && i < node.input_count; ++i) ok = node.inputs[i] >= 0;
  if (ok) return Status::ok;
  ctx.fail().append(what).append(" (has ").append_uint(node.input_count).append(" inputs, ");
  ctx.err().append_uint(node.output_count).append(" outputs)");
  return Status::bad_model;
}

Status check_int8_tensor(PrepareContext& ctx, const char* role, int16_t index) {
  Status s = check_tensor_type(ctx, role, index, kTypeInt8);
  if (s == Status::ok) s = check_dims_known(ctx, role, index);
  if (s == Status::ok) s = check_int8_quantization(ctx, role, index);
  return s;
}

Status check_same_shape(PrepareContext& ctx, const char* role_a, int16_t a, const char* role_b,
                        int16_t b) {
  const Tensor& ta = ctx.tensor(a);
  const Tensor& tb = ctx.tensor(b);
  bool same = ta.rank == tb.rank;
  for (uint8_t i = 0; same && i < ta.rank; ++i) same = ta.dims[i] == tb.dims[i];
  if (same) return Status::ok;
  append_shape(ctx.fail().append(role_b).append(" shape "), tb);
  append_shape(ctx.err().append(" differs from ").append(role_a).append(" shape "), ta);
  return Status::bad_model;
}

Status check_per_tensor(PrepareContext& ctx, const char* role, int16_t index) {
  const Tensor& t = ctx.tensor(index);
  if (t.scales.count <= 1) return Status::ok;
  ctx.fail().append(role).append(" tensor ").append_int(index).append(" has ");
  ctx.err()
      .append_uint(t.scales.count)
      .append(" scales, only per-tensor quantization is supported");
  return Status::unsupported;
}

}  // namespace tr::engine
