// Exact MBQM (engine/quantization.h) for the common right-shift case in one SMLAL.
//
// For M >= 0 and shift = -R with R in [1, 31], MBQM(a, M, -R) = RDBPOT(SRDHM(a, M), R) equals
//   floor((a*M + 2^30 + 2^(30+R) - [a < 0] * 2^31) / 2^(31+R)),
// because RDBPOT(b, R) = floor((b + 2^(R-1) - [b < 0]) / 2^R), nested floors of divisions by
// powers of two compose, and [b < 0] may be replaced by [a < 0]: they differ only when a < 0 and
// b = 0, where both forms give 0. The 64-bit sum never overflows (|a*M| < 2^62), and since
// 31 + R >= 32 only the high word is shifted. Flushed channels (M = 0, shift 0) use R = 0: the
// sum is 2^31 or 0, its high word 0, and the shift by -1 (255 as an ASR amount) keeps it 0.
// Other pairs (left shifts, R = 0 with M != 0) are left to the reference kernels.
#pragma once

#include <cstdint>

#include "engine/kernels/dsp/dsp_intrinsics.h"

namespace tr::engine::dsp {

struct Requant {
  uint32_t round_lo = 0;  // low and high word of 2^30 + 2^(30+R)
  uint32_t round_hi = 0;
  int32_t multiplier = 0;  // M
  int32_t high_shift = 0;  // R - 1
};

// True when (multiplier, shift) has the one-SMLAL form above.
inline bool requant_supported(int32_t multiplier, int32_t shift) {
  if (multiplier == 0) return shift == 0 || (shift <= -1 && shift >= -31);
  return multiplier > 0 && shift <= -1 && shift >= -31;
}

// Four instructions: t = 1 << R; the rounding constant's words are 2^30 + (t << 30) and t >> 2.
inline Requant make_requant(int32_t multiplier, int32_t shift) {
  const int32_t r = -shift;
  const uint32_t t = 1u << r;
  Requant q;
  q.round_lo = 0x40000000u + (t << 30);
  q.round_hi = t >> 2;
  q.multiplier = multiplier;
  q.high_shift = r - 1;
  return q;
}

// MBQM(acc, M, shift) for a supported pair: AND, ADDS, ADC, SMLAL, ASR on Armv7E-M.
inline int32_t requantize(int32_t acc, const Requant& q) {
  const auto sign = static_cast<uint32_t>(acc >> 31);                 // 0 or ~0
  const uint64_t minus_sign = (uint64_t{sign} << 32) | (sign << 31);  // -[acc<0]*2^31
  const uint64_t round = (uint64_t{q.round_hi} << 32) | q.round_lo;
  const auto v = static_cast<int64_t>(round + minus_sign) +
                 static_cast<int64_t>(acc) * static_cast<int64_t>(q.multiplier);
  return asr_reg(static_cast<int32_t>(v >> 32), q.high_shift);
}

// Every (multiplier, shift) of a per-channel quantization is supported.
inline bool requant_supported(const int32_t* multipliers, const int32_t* shifts, int32_t count) {
  for (int32_t i = 0; i < count; ++i) {
    if (!requant_supported(multipliers[i], shifts[i])) return false;
  }
  return true;
}

// The output stage after requantization: output offset, then the fused-activation clamp. With
// kFullRange (clamp [-128, 127], every MLPerf layer) one SSAT does the clamp.
struct OutputStage {
  int32_t offset = 0;
  int32_t act_min = -128;
  int32_t act_max = 127;

  bool full_range() const { return act_min == -128 && act_max == 127; }

  template <bool kFullRange>
  int8_t apply(int32_t y) const {
    y += offset;
    if constexpr (kFullRange) {
      return static_cast<int8_t>(ssat8(y));
    } else {
      y = y < act_min ? act_min : y;
      y = y > act_max ? act_max : y;
      return static_cast<int8_t>(y);
    }
  }
};

}  // namespace tr::engine::dsp
