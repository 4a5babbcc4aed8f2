// The Armv7E-M DSP instructions the dsp kernel set uses, as small inline functions: the
// instructions themselves when the compiler targets a core with the DSP extension
// (__ARM_FEATURE_DSP), else portable C with the same lane semantics, so the whole set also
// builds and is tested on the host. All lane and accumulator arithmetic wraps like the hardware
// (the Q flag that SMLAD may set is never read).
#pragma once

#include <cstdint>

#if defined(__ARM_FEATURE_DSP)
#include <arm_acle.h>
#endif

namespace tr::engine::dsp {

// Unaligned little-endian loads of model data (int8 weights and activations); the compiler
// turns them into one LDR, which Armv7-M allows unaligned. __builtin_memcpy because firmware
// builds are -ffreestanding (no implicit builtins).
inline uint32_t load_u32(const int8_t* p) {
  uint32_t v;
  __builtin_memcpy(&v, p, sizeof v);
  return v;
}

#if defined(__ARM_FEATURE_DSP)

// Bytes 0 and 2 of x, sign-extended into the low and high halfword.
inline uint32_t sxtb16(uint32_t x) {
  return static_cast<uint32_t>(__sxtb16(static_cast<int32_t>(x)));
}

// Bytes 1 and 3 of x, sign-extended (one SXTB16 with ROR #8).
inline uint32_t sxtb16_ror8(uint32_t x) {
  uint32_t r;
  __asm__("sxtb16 %0, %1, ror #8" : "=r"(r) : "r"(x));
  return r;
}

// Halfword-wise a + sxtb16(x).
inline uint32_t sxtab16(uint32_t a, uint32_t x) {
  return static_cast<uint32_t>(__sxtab16(static_cast<int32_t>(a), static_cast<int32_t>(x)));
}

// Halfword-wise a + sxtb16_ror8(x).
inline uint32_t sxtab16_ror8(uint32_t a, uint32_t x) {
  uint32_t r;
  __asm__("sxtab16 %0, %1, %2, ror #8" : "=r"(r) : "r"(a), "r"(x));
  return r;
}

// acc + lo(a)*lo(b) + hi(a)*hi(b) on signed halfwords.
inline int32_t smlad(uint32_t a, uint32_t b, int32_t acc) {
  return __smlad(static_cast<int32_t>(a), static_cast<int32_t>(b), acc);
}

// acc + lo(a)*lo(b) and acc + hi(a)*hi(b).
inline int32_t smlabb(uint32_t a, uint32_t b, int32_t acc) {
  return __smlabb(static_cast<int32_t>(a), static_cast<int32_t>(b), acc);
}

inline int32_t smlatt(uint32_t a, uint32_t b, int32_t acc) {
  return __smlatt(static_cast<int32_t>(a), static_cast<int32_t>(b), acc);
}

// x >> (n & 255) arithmetic, as ASR by register: amounts of 32 or more give 0 or -1.
inline int32_t asr_reg(int32_t x, int32_t n) {
  int32_t r;
  __asm__("asr %0, %1, %2" : "=r"(r) : "r"(x), "r"(n));
  return r;
}

#else  // portable C with the instructions' semantics

namespace detail {
inline int32_t lo16(uint32_t x) {
  return static_cast<int16_t>(static_cast<uint16_t>(x & 0xFFFFu));
}
inline int32_t hi16(uint32_t x) {
  return static_cast<int16_t>(static_cast<uint16_t>(x >> 16));
}
inline int32_t byte_at(uint32_t x, int index) {
  return static_cast<int8_t>(static_cast<uint8_t>((x >> (8 * index)) & 0xFFu));
}
inline uint32_t pack16(int32_t lo, int32_t hi) {
  return (static_cast<uint32_t>(lo) & 0xFFFFu) | (static_cast<uint32_t>(hi) << 16);
}
inline int32_t wrap_mul_add(int32_t acc, int32_t a, int32_t b) {
  return static_cast<int32_t>(static_cast<uint32_t>(acc) + static_cast<uint32_t>(a * b));
}
}  // namespace detail

inline uint32_t sxtb16(uint32_t x) {
  return detail::pack16(detail::byte_at(x, 0), detail::byte_at(x, 2));
}

inline uint32_t sxtb16_ror8(uint32_t x) {
  return detail::pack16(detail::byte_at(x, 1), detail::byte_at(x, 3));
}

inline uint32_t sxtab16(uint32_t a, uint32_t x) {
  return detail::pack16(detail::lo16(a) + detail::byte_at(x, 0),
                        detail::hi16(a) + detail::byte_at(x, 2));
}

inline uint32_t sxtab16_ror8(uint32_t a, uint32_t x) {
  return detail::pack16(detail::lo16(a) + detail::byte_at(x, 1),
                        detail::hi16(a) + detail::byte_at(x, 3));
}

inline int32_t smlad(uint32_t a, uint32_t b, int32_t acc) {
  acc = detail::wrap_mul_add(acc, detail::lo16(a), detail::lo16(b));
  return detail::wrap_mul_add(acc, detail::hi16(a), detail::hi16(b));
}

inline int32_t smlabb(uint32_t a, uint32_t b, int32_t acc) {
  return detail::wrap_mul_add(acc, detail::lo16(a), detail::lo16(b));
}

inline int32_t smlatt(uint32_t a, uint32_t b, int32_t acc) {
  return detail::wrap_mul_add(acc, detail::hi16(a), detail::hi16(b));
}

inline int32_t asr_reg(int32_t x, int32_t n) {
  const uint32_t amount = static_cast<uint32_t>(n) & 255u;
  if (amount >= 32) return x < 0 ? -1 : 0;
  return x >> amount;
}

#endif

// y saturated to [-128, 127] (one SSAT on the DSP cores).
inline int32_t ssat8(int32_t y) {
#if defined(__ARM_FEATURE_DSP)
  return __ssat(y, 8);
#else
  return y < -128 ? -128 : (y > 127 ? 127 : y);
#endif
}

// Both halfwords set to v (an offset added lane-wise by sxtab16).
inline uint32_t dup16(int32_t v) {
  const uint32_t h = static_cast<uint32_t>(v) & 0xFFFFu;
  return h | (h << 16);
}

}  // namespace tr::engine::dsp
