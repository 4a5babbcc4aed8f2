// The Q-format building blocks of TFLM's int8 SOFTMAX and LOGISTIC (gemmlowp's scalar path,
// int8-quantization.md §13-§14): exp on [-1/4, 0), exp on negative values with 4 or 5 integer
// bits, 1 / (1 + x) by Newton-Raphson, and saturating left shifts. Every multiply is SRDHM and
// every division by a power of two is RDBPOT, so results match TFLM bit for bit.
#pragma once

#include <cstdint>

#include "engine/quantization.h"

namespace tr::engine::reference {

// v * 2^k saturated to int32, for 1 <= k <= 30.
inline int32_t saturating_shift_left(int32_t v, int k) {
  const int32_t threshold = static_cast<int32_t>((int64_t{1} << (31 - k)) - 1);
  if (v > threshold) return INT32_MAX;
  if (v < -threshold) return INT32_MIN;
  return static_cast<int32_t>(static_cast<uint32_t>(v) << k);
}

// exp(x) for a Q0.31 x in [-1/4, 0): a 4th-order polynomial around -1/8, Q0.31 result.
inline int32_t exp_on_quarter_interval(int32_t x) {
  constexpr int32_t kExpMinusOneEighth = 1895147668;    // exp(-1/8) in Q0.31
  constexpr int32_t kOneThird = 715827883;              // 1/3 in Q0.31
  const int32_t t = wrapping_add(x, int32_t{1} << 28);  // x + 1/8
  const int32_t t2 = srdhm(t, t);
  const int32_t t3 = srdhm(t2, t);
  const int32_t t4 = srdhm(t2, t2);
  const int32_t t4_over_4 = rdbpot(t4, 2);
  const int32_t poly = rdbpot(wrapping_add(srdhm(wrapping_add(t4_over_4, t3), kOneThird), t2), 1);
  return wrapping_add(kExpMinusOneEighth, srdhm(kExpMinusOneEighth, wrapping_add(t, poly)));
}

// exp(a) for a <= 0 held with `integer_bits` (4 or 5) integer bits; Q0.31 result. The part of
// a in [-1/4, 0) goes through the polynomial, each higher bit multiplies by exp(-2^k).
inline int32_t exp_on_negative_values(int32_t a, int integer_bits) {
  if (a == 0) return INT32_MAX;
  const int fraction_bits = 31 - integer_bits;
  const int32_t quarter = int32_t{1} << (fraction_bits - 2);
  const int32_t a_mod = (a & (quarter - 1)) - quarter;
  int32_t result = exp_on_quarter_interval(saturating_shift_left(a_mod, integer_bits));
  const int32_t remainder = a_mod - a;
  // exp(-2^k) in Q0.31 for k = -2 .. 4; the steps with k >= integer_bits do not apply.
  constexpr int32_t kExpMinusPowerOfTwo[7] = {1672461947, 1302514674, 790015084, 290630308,
                                              39332535,   720401,     242};
  for (int k = -2; k <= 4 && k < integer_bits; ++k) {
    if ((remainder & (int32_t{1} << (fraction_bits + k))) != 0) {
      result = srdhm(result, kExpMinusPowerOfTwo[k + 2]);
    }
  }
  return result;
}

// 1 / (1 + x) for a Q0.31 x in [0, 1): three Newton-Raphson steps in Q2.29 on the half
// denominator, starting from 48/17 - 32/17 * d. Q0.31 result.
inline int32_t one_over_one_plus_x(int32_t x) {
  const int64_t sum = int64_t{x} + INT32_MAX;  // x + 1.0
  const auto half_denominator = static_cast<int32_t>((sum + (sum >= 0 ? 1 : -1)) / 2);
  constexpr int32_t kFortyEightSeventeenths = 1515870810;       // Q2.29
  constexpr int32_t kMinusThirtyTwoSeventeenths = -1010580540;  // Q2.29
  constexpr int32_t kOneQ2 = int32_t{1} << 29;
  int32_t z =
      wrapping_add(kFortyEightSeventeenths, srdhm(half_denominator, kMinusThirtyTwoSeventeenths));
  for (int i = 0; i < 3; ++i) {
    const int32_t product = srdhm(half_denominator, z);
    z = wrapping_add(z, saturating_shift_left(srdhm(z, kOneQ2 - product), 2));
  }
  return saturating_shift_left(z, 1);
}

}  // namespace tr::engine::reference
