// Fixed-point requantization exactly as TFLM's reference kernels do it (int8-quantization.md
// §2-§4): QuantizeMultiplier, SaturatingRoundingDoublingHighMul (SRDHM), RoundingDivideByPOT
// (RDBPOT) and MultiplyByQuantizedMultiplier (MBQM, double rounding). The inline functions are
// the kernels' inner-loop arithmetic; all int32 wrap-around is done in unsigned arithmetic so it
// is defined behaviour.
#pragma once

#include <cstdint>

namespace tr::engine {

struct QuantizedMultiplier {
  int32_t multiplier = 0;  // 0 or in [2^30, 2^31)
  int32_t shift = 0;       // > 0 left, < 0 right
};

// d ≈ multiplier * 2^(shift - 31). d = 0 and d < 2^-32 give (0, 0). Returns false for a
// negative, NaN or infinite d.
bool quantize_multiplier(double d, QuantizedMultiplier& out);

// QuantizeMultiplier of (double)input_scale / (double)output_scale, the one rescale of MEAN and
// QUANTIZE. False when the ratio is negative, NaN, infinite or needs a left shift above 30
// (MBQM's range).
bool rescale_multiplier(float input_scale, float output_scale, QuantizedMultiplier& out);

// floor((a*b + 2^30) / 2^31): a*b/2^31 rounded to nearest, ties toward +infinity.
inline int32_t srdhm(int32_t a, int32_t b) {
  if (a == INT32_MIN && b == INT32_MIN) return INT32_MAX;
  const int64_t ab = static_cast<int64_t>(a) * static_cast<int64_t>(b);
  const int64_t nudge = ab >= 0 ? (int64_t{1} << 30) : (1 - (int64_t{1} << 30));
  return static_cast<int32_t>((ab + nudge) / (int64_t{1} << 31));
}

// x / 2^exponent rounded to nearest, ties away from zero; exponent in [0, 31].
inline int32_t rdbpot(int32_t x, int exponent) {
  const int32_t mask = static_cast<int32_t>((int64_t{1} << exponent) - 1);
  const int32_t remainder = x & mask;
  const int32_t threshold = (mask >> 1) + (x < 0 ? 1 : 0);
  return (x >> exponent) + (remainder > threshold ? 1 : 0);
}

// RDBPOT(SRDHM(x * 2^max(shift,0), M), max(-shift,0)); the left shift wraps in 32 bits.
// shift must be in [-31, 30].
inline int32_t mbqm(int32_t x, int32_t multiplier, int shift) {
  const int left = shift > 0 ? shift : 0;
  const int right = shift > 0 ? 0 : -shift;
  const int32_t shifted = static_cast<int32_t>(static_cast<uint32_t>(x) << left);
  return rdbpot(srdhm(shifted, multiplier), right);
}

// Wrapping int32 addition (TFLM's accumulators wrap modulo 2^32).
inline int32_t wrapping_add(int32_t a, int32_t b) {
  return static_cast<int32_t>(static_cast<uint32_t>(a) + static_cast<uint32_t>(b));
}

struct ActivationRange {
  int32_t min = -128;
  int32_t max = 127;
};

// Fused-activation clamp for an int8 output with (scale, zero_point) (§4); `activation` is the
// schema ActivationFunctionType value. Unknown values get the full range (like TANH/SIGN_BIT).
ActivationRange int8_activation_range(uint8_t activation, float scale, int32_t zero_point);

}  // namespace tr::engine
