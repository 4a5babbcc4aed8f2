#include "engine/kernels/reference/quantize_s8.h"

#include <cmath>

#include "engine/quantization.h"

namespace tr::engine::reference {

int8_t quantize_float_s8(float x, float scale, int32_t zero_point) {
  float r = std::round(x / scale);  // float32 division, ties away from zero
  if (r != r) r = 0.0f;             // NaN
  // Any |r| beyond 512 clamps the same way; bounding it keeps the conversion defined.
  if (r > 512.0f) r = 512.0f;
  if (r < -512.0f) r = -512.0f;
  int32_t q = static_cast<int32_t>(r) + zero_point;
  if (q < -128) q = -128;
  if (q > 127) q = 127;
  return static_cast<int8_t>(q);
}

void quantize_f32_s8(float scale, int32_t zero_point, uint32_t count, const float* input,
                     int8_t* output) {
  for (uint32_t i = 0; i < count; ++i) output[i] = quantize_float_s8(input[i], scale, zero_point);
}

void requantize_s8(const RequantizeParams& p, uint32_t count, const int8_t* input, int8_t* output) {
  for (uint32_t i = 0; i < count; ++i) {
    const int32_t x = static_cast<int32_t>(input[i]) - p.input_zero_point;
    int32_t y = mbqm(x, p.multiplier, p.shift) + p.output_zero_point;
    if (y < -128) y = -128;
    if (y > 127) y = 127;
    output[i] = static_cast<int8_t>(y);
  }
}

}  // namespace tr::engine::reference
