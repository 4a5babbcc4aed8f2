// Requantization of four int32 accumulators at once, bit-exact with mbqm (int8-quantization.md
// §3) followed by the output offset and the activation clamp.
#pragma once

#include <arm_mve.h>

#include <cstdint>

namespace tr::engine::helium {

// MBQM per lane for shifts <= 0 (a right shift only, as in every MLPerf layer). VQRDMULH is
// SRDHM (it saturates only for INT32_MIN * INT32_MIN, and multipliers are >= 0); VRSHL by a
// negative amount rounds half up, so negative lanes first get -1 (only when they are shifted),
// which turns it into RDBPOT's ties-away-from-zero.
inline int32x4_t mbqm_right_x4(int32x4_t acc, int32x4_t multiplier, int32x4_t shift) {
  int32x4_t v = vqrdmulhq_s32(acc, multiplier);
  v = vqaddq_s32(v, vshrq_n_s32(vandq_s32(v, shift), 31));
  return vrshlq_s32(v, shift);
}

// MBQM per lane for any shift in [-31, 30]: VSHL by the positive part wraps like MBQM's 32-bit
// left shift.
inline int32x4_t mbqm_x4(int32x4_t acc, int32x4_t multiplier, int32x4_t shift) {
  const int32x4_t zero = vdupq_n_s32(0);
  return mbqm_right_x4(vshlq_s32(acc, vmaxq_s32(shift, zero)), multiplier, vminq_s32(shift, zero));
}

// mbqm_x4, or mbqm_right_x4 when the caller knows no shift is positive.
template <bool kAnyLeftShift>
inline int32x4_t requantize_x4(int32x4_t acc, int32x4_t multiplier, int32x4_t shift) {
  if constexpr (kAnyLeftShift) {
    return mbqm_x4(acc, multiplier, shift);
  } else {
    return mbqm_right_x4(acc, multiplier, shift);
  }
}

// MBQM of four lanes sharing one channel's multiplier and shift (a CONV_2D output channel of four
// pixels); the same arithmetic as requantize_x4.
template <bool kAnyLeftShift>
inline int32x4_t requantize_channel(int32x4_t acc, int32_t multiplier, int32_t shift) {
  if constexpr (kAnyLeftShift) {
    if (shift > 0) return vqrdmulhq_n_s32(vshlq_r_s32(acc, shift), multiplier);
  }
  const int32x4_t neg_right = vdupq_n_s32(shift);
  int32x4_t v = vqrdmulhq_n_s32(acc, multiplier);
  v = vqaddq_s32(v, vshrq_n_s32(vandq_s32(v, neg_right), 31));
  return vrshlq_n_s32(v, shift);
}

// True when some of the n shifts is positive (then the left-shift path is needed).
inline bool any_left_shift(const int32_t* shifts, int32_t n) {
  for (int32_t i = 0; i < n; ++i) {
    if (shifts[i] > 0) return true;
  }
  return false;
}

// The output stage: + output zero point, then the activation clamp.
struct OutputStage {
  int32_t offset;
  int32_t act_min;
  int32_t act_max;
};

inline int32x4_t clamp_output_x4(int32x4_t v, const OutputStage& out) {
  v = vaddq_n_s32(v, out.offset);
  v = vmaxq_s32(v, vdupq_n_s32(out.act_min));
  return vminq_s32(v, vdupq_n_s32(out.act_max));
}

}  // namespace tr::engine::helium
