#include "engine/ops/op_checks.h"

#include <cmath>

#include "engine/builtin_names.h"

namespace tr::engine {
namespace {

ErrorText& fail_tensor(PrepareContext& ctx, const char* role, int16_t index) {
  return ctx.fail().append(role).append(" tensor ").append_int(index).append(" ");
}

}  // namespace

Status check_tensor_type(PrepareContext& ctx, const char* role, int16_t index, uint8_t type) {
  const Tensor& t = ctx.tensor(index);
  if (t.type == type) return Status::ok;
  fail_tensor(ctx, role, index)
      .append("is ")
      .append(tensor_type_name(t.type))
      .append(", only ")
      .append(tensor_type_name(type))
      .append(" is supported");
  return Status::unsupported;
}

Status check_dims_known(PrepareContext& ctx, const char* role, int16_t index) {
  if (ctx.tensor(index).dims_known) return Status::ok;
  fail_tensor(ctx, role, index).append("has an unresolved -1 dimension");
  return Status::bad_model;
}

Status check_int8_quantization(PrepareContext& ctx, const char* role, int16_t index) {
  const Tensor& t = ctx.tensor(index);
  if (!t.quantized || t.custom_quantization) {
    fail_tensor(ctx, role, index).append("has no affine quantization parameters");
    return Status::unsupported;
  }
  if (!(t.scale > 0.0f) || !std::isfinite(t.scale)) {
    fail_tensor(ctx, role, index).append("has a scale that is not a positive finite number");
    return Status::bad_model;
  }
  if (t.zero_point < -128 || t.zero_point > 127) {
    fail_tensor(ctx, role, index).append("zero point ").append_int(t.zero_point);
    ctx.err().append(" is outside [-128, 127]");
    return Status::bad_model;
  }
  return Status::ok;
}

void append_shape(ErrorText& err, const Tensor& t) {
  err.append("[");
  for (uint8_t i = 0; i < t.rank; ++i) {
    if (i > 0) err.append(", ");
    err.append_int(t.dims[i]);
  }
  err.append("]");
}

}  // namespace tr::engine
