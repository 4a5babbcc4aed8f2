#include "engine/kernels/reference/softmax_s8.h"

#include <bit>

#include "engine/kernels/reference/fixed_point_math.h"
#include "engine/quantization.h"

namespace tr::engine::reference {
namespace {

constexpr int kScaledDiffIntegerBits = 5;     // the scaled difference is Q5.26
constexpr int kAccumulationIntegerBits = 12;  // the sum of exponentials is Q12.19

// exp(beta * s_in * diff) in Q0.31 for diff <= 0: diff * 2^shift (wrapping, like TFLM) then
// SRDHM by the multiplier gives the Q5.26 argument.
int32_t exp_of_difference(const SoftmaxParams& p, int32_t diff) {
  const auto shifted = static_cast<int32_t>(static_cast<uint32_t>(diff) << p.input_left_shift);
  return exp_on_negative_values(srdhm(shifted, p.input_multiplier), kScaledDiffIntegerBits);
}

int32_t row_max(const int8_t* x, int32_t depth) {
  int32_t m = -128;
  for (int32_t c = 0; c < depth; ++c) {
    if (x[c] > m) m = x[c];
  }
  return m;
}

}  // namespace

bool softmax_s8(const SoftmaxParams& p, int32_t rows, int32_t depth, const int8_t* input,
                int8_t* output, int32_t& bad_row) {
  for (int32_t r = 0; r < rows; ++r) {
    const int8_t* x = input + r * depth;
    int8_t* y = output + r * depth;
    const int32_t max = row_max(x, depth);
    // 64-bit so a long row cannot wrap; the maximum alone contributes 2^19, so sum > 0.
    int64_t sum = 0;
    for (int32_t c = 0; c < depth; ++c) {
      const int32_t diff = x[c] - max;
      // Q0.31 -> Q12.19.
      if (diff >= p.diff_min) sum += rdbpot(exp_of_difference(p, diff), kAccumulationIntegerBits);
    }
    if (sum >= (int64_t{1} << 28)) {
      bad_row = r;
      return false;
    }
    // 1/sum: normalize sum to [1, 2) as 1 + x0 (Q0.31), invert, undo the normalization in the
    // final shift (nbou + 31 - 8 with nbou = 12 - headroom).
    const auto sum32 = static_cast<uint32_t>(sum);
    const int headroom = std::countl_zero(sum32);
    const auto x0 = static_cast<int32_t>((sum32 << headroom) - (uint32_t{1} << 31));
    const int32_t reciprocal = one_over_one_plus_x(x0);
    const int exponent = kAccumulationIntegerBits - headroom + 31 - 8;
    for (int32_t c = 0; c < depth; ++c) {
      const int32_t diff = x[c] - max;
      int32_t out = -128;
      if (diff >= p.diff_min) {
        out = rdbpot(srdhm(reciprocal, exp_of_difference(p, diff)), exponent) - 128;
        if (out < -128) out = -128;
        if (out > 127) out = 127;
      }
      y[c] = static_cast<int8_t>(out);
    }
  }
  return true;
}

}  // namespace tr::engine::reference
