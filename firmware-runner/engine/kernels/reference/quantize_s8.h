// Reference QUANTIZE to int8 (int8-quantization.md §18). From float32: q = z + round_away(x / s)
// with the division and the rounding in float32, clamped to [-128, 127]. From int8
// (requantize): z_out + MBQM(q - z_in, M, S), clamped.
#pragma once

#include <cstdint>

namespace tr::engine::reference {

// Out-of-range values saturate; NaN gives the zero point (TFLM's float-to-int conversion is
// undefined there).
int8_t quantize_float_s8(float x, float scale, int32_t zero_point);

void quantize_f32_s8(float scale, int32_t zero_point, uint32_t count, const float* input,
                     int8_t* output);

struct RequantizeParams {
  int32_t input_zero_point = 0;
  int32_t output_zero_point = 0;
  int32_t multiplier = 0;  // s_in / s_out from QuantizeMultiplier
  int32_t shift = 0;       // in [-31, 30]; a left shift wraps in 32 bits like TFLM
};

void requantize_s8(const RequantizeParams& params, uint32_t count, const int8_t* input,
                   int8_t* output);

}  // namespace tr::engine::reference
