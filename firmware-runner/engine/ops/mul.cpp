#include "engine/ops/mul.h"

#include "engine/ops/elementwise_binary.h"
#include "engine/quantization.h"
#include "engine/schema.h"

namespace tr::engine {
namespace {

constexpr BinaryOptionSlots kSlots{schema::kMulOptions, "MulOptions",
                                   schema::mul_options::kFusedActivation};

Status prepare(PrepareContext& ctx) {
  return prepare_elementwise_binary<reference::MulParams>(
      ctx, kSlots, mul_params, "effective scale s1 * s2 / s_out is not representable (>= 2^30)");
}

constexpr OpRegistration kRegistration{
    schema::kOpMul, prepare, eval_elementwise_binary<reference::MulParams, reference::mul_s8>};

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
