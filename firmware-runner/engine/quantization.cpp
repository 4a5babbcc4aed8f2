#include "engine/quantization.h"

#include <cmath>

#include "engine/schema.h"

namespace tr::engine {

bool quantize_multiplier(double d, QuantizedMultiplier& out) {
  out = QuantizedMultiplier{};
  if (d == 0.0) return true;
  if (!(d > 0.0) || !std::isfinite(d)) return false;
  int exponent = 0;
  const double q = std::frexp(d, &exponent);  // d = q * 2^exponent, q in [0.5, 1)
  auto m = static_cast<int64_t>(std::round(q * static_cast<double>(int64_t{1} << 31)));
  if (m == (int64_t{1} << 31)) {  // q rounded up to 1.0
    m /= 2;
    ++exponent;
  }
  if (exponent < -31) return true;  // below 2^-32: flushed to (0, 0)
  out.multiplier = static_cast<int32_t>(m);
  out.shift = exponent;
  return true;
}

namespace {

// z + round_away(f / s), computed in float32 like TFLM; clamped to int8 range before the
// conversion so an extreme scale cannot overflow the cast.
int32_t quantize_float(float f, float scale, int32_t zero_point) {
  float v = std::round(f / scale);
  if (!(v > -1000.0f)) v = -1000.0f;  // also catches NaN
  if (v > 1000.0f) v = 1000.0f;
  return zero_point + static_cast<int32_t>(v);
}

int32_t max_i32(int32_t a, int32_t b) {
  return a > b ? a : b;
}
int32_t min_i32(int32_t a, int32_t b) {
  return a < b ? a : b;
}

}  // namespace

bool rescale_multiplier(float input_scale, float output_scale, QuantizedMultiplier& out) {
  const double real = static_cast<double>(input_scale) / static_cast<double>(output_scale);
  return quantize_multiplier(real, out) && out.shift <= 30;
}

ActivationRange int8_activation_range(uint8_t activation, float scale, int32_t zero_point) {
  ActivationRange r;
  switch (static_cast<schema::Activation>(activation)) {
    case schema::Activation::relu:
      r.min = max_i32(-128, zero_point);
      break;
    case schema::Activation::relu6:
      r.min = max_i32(-128, zero_point);
      r.max = min_i32(127, quantize_float(6.0f, scale, zero_point));
      break;
    case schema::Activation::relu_n1_to_1:
      r.min = max_i32(-128, quantize_float(-1.0f, scale, zero_point));
      r.max = min_i32(127, quantize_float(1.0f, scale, zero_point));
      break;
    default:
      break;
  }
  return r;
}

}  // namespace tr::engine
