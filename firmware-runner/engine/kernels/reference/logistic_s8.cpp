#include "engine/kernels/reference/logistic_s8.h"

#include "engine/kernels/reference/fixed_point_math.h"
#include "engine/quantization.h"

namespace tr::engine::reference {

int32_t logistic_q4(int32_t a) {
  constexpr int kInputIntegerBits = 4;
  if (a == 0) return int32_t{1} << 30;  // one half
  const int32_t magnitude = a > 0 ? a : -a;
  const int32_t positive =
      one_over_one_plus_x(exp_on_negative_values(-magnitude, kInputIntegerBits));
  return a > 0 ? positive : INT32_MAX - positive;
}

void logistic_s8(const LogisticParams& p, uint32_t count, const int8_t* input, int8_t* output) {
  for (uint32_t i = 0; i < count; ++i) {
    const int32_t x = static_cast<int32_t>(input[i]) - p.input_zero_point;
    if (x <= -p.input_range_radius) {
      output[i] = -128;
    } else if (x >= p.input_range_radius) {
      output[i] = 127;
    } else {
      // |x| < radius keeps x * 2^shift below 15 * 2^27, so MBQM's left shift cannot wrap.
      const int32_t a = mbqm(x, p.input_multiplier, p.input_left_shift);
      int32_t y = rdbpot(logistic_q4(a), 23) - 128;  // Q0.31 -> units of 1/256
      if (y < -128) y = -128;
      if (y > 127) y = 127;
      output[i] = static_cast<int8_t>(y);
    }
  }
}

}  // namespace tr::engine::reference
