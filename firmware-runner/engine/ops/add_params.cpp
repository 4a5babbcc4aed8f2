#include "engine/ops/add.h"

#include "engine/quantization.h"

namespace tr::engine {
namespace {

constexpr int kLeftShift = 20;  // int8 headroom (15 for int16)

// QuantizeMultiplier for a real in (0, 1) whose shift must be <= 0 (TFLM's "SmallerThanOneExp").
bool smaller_than_one(double real, int32_t& multiplier, int32_t& shift) {
  QuantizedMultiplier q;
  if (!(real > 0.0 && real < 1.0) || !quantize_multiplier(real, q) || q.shift > 0) return false;
  multiplier = q.multiplier;
  shift = q.shift;
  return true;
}

}  // namespace

bool add_params(float scale1, int32_t zero_point1, float scale2, int32_t zero_point2,
                float output_scale, int32_t output_zero_point, uint8_t activation,
                reference::AddParams& out) {
  out = reference::AddParams{};
  out.input1_offset = -zero_point1;
  out.input2_offset = -zero_point2;
  out.output_offset = output_zero_point;
  out.left_shift = kLeftShift;
  // The max is taken on the float32 scales, the doubling and the divisions in double.
  const double twice_max = 2.0 * static_cast<double>(scale1 > scale2 ? scale1 : scale2);
  const double real1 = static_cast<double>(scale1) / twice_max;
  const double real2 = static_cast<double>(scale2) / twice_max;
  const double real_out =
      twice_max / (static_cast<double>(1 << kLeftShift) * static_cast<double>(output_scale));
  if (!smaller_than_one(real1, out.input1_multiplier, out.input1_shift) ||
      !smaller_than_one(real2, out.input2_multiplier, out.input2_shift) ||
      !smaller_than_one(real_out, out.output_multiplier, out.output_shift)) {
    return false;
  }
  const ActivationRange range = int8_activation_range(activation, output_scale, output_zero_point);
  out.act_min = range.min;
  out.act_max = range.max;
  return true;
}

}  // namespace tr::engine
