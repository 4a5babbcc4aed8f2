// The MAC core of CONV_2D and FULLY_CONNECTED: one int8 row against four (two) others with
// VMLADAV (16 multiply-accumulates per instruction). The row a is loaded once per 16 values and
// reused for the four (two) dot products.
#pragma once

#include <arm_mve.h>

#include <cstdint>

namespace tr::engine::helium {

// The vector {s0, s1, s2, s3}. Lane inserts, not the two-register VMOV: QEMU 7.2 and GCC 12
// disagree on which lane of that pair receives which register.
inline int32x4_t lanes_x4(int32_t s0, int32_t s1, int32_t s2, int32_t s3) {
  int32x4_t v = vdupq_n_s32(s0);
  v = vsetq_lane_s32(s1, v, 1);
  v = vsetq_lane_s32(s2, v, 2);
  return vsetq_lane_s32(s3, v, 3);
}

// Σ a[k]·b_i[k] for i = 0..3 (wrapping int32 sums, like the hardware) as the four lanes of the
// result, for rows b_i made of `segments` runs of 16 * blocks bytes, each run `skip` bytes
// after the end of the previous one (filter rows of a convolution read in place from the image);
// a is contiguous.
inline int32x4_t dot_1x4_runs(const int8_t* a, const int8_t* b0, const int8_t* b1, const int8_t* b2,
                              const int8_t* b3, int32_t segments, int32_t blocks, int32_t skip) {
  int32_t s0 = 0;
  int32_t s1 = 0;
  int32_t s2 = 0;
  int32_t s3 = 0;
  for (int32_t r = segments; r > 0; --r) {
    for (int32_t n = blocks; n > 0; --n) {
      const int8x16_t x = vldrbq_s8(a);
      s0 = vmladavaq_s8(s0, x, vldrbq_s8(b0));
      s1 = vmladavaq_s8(s1, x, vldrbq_s8(b1));
      s2 = vmladavaq_s8(s2, x, vldrbq_s8(b2));
      s3 = vmladavaq_s8(s3, x, vldrbq_s8(b3));
      a += 16;
      b0 += 16;
      b1 += 16;
      b2 += 16;
      b3 += 16;
    }
    b0 += skip;
    b1 += skip;
    b2 += skip;
    b3 += skip;
  }
  return lanes_x4(s0, s1, s2, s3);
}

// dot_1x4_runs with kBlocks blocks per run known at compile time: the run is unrolled, its loads
// use immediate offsets, and each row pointer moves once per run.
template <int32_t kBlocks>
inline int32x4_t dot_1x4_runs_of(const int8_t* a, const int8_t* b0, const int8_t* b1,
                                 const int8_t* b2, const int8_t* b3, int32_t segments,
                                 int32_t skip) {
  int32_t s0 = 0;
  int32_t s1 = 0;
  int32_t s2 = 0;
  int32_t s3 = 0;
  const int32_t step = 16 * kBlocks + skip;
  for (int32_t r = segments; r > 0; --r) {
#pragma GCC unroll 16
    for (int32_t n = 0; n < kBlocks; ++n) {
      const int8x16_t x = vldrbq_s8(a + 16 * n);
      s0 = vmladavaq_s8(s0, x, vldrbq_s8(b0 + 16 * n));
      s1 = vmladavaq_s8(s1, x, vldrbq_s8(b1 + 16 * n));
      s2 = vmladavaq_s8(s2, x, vldrbq_s8(b2 + 16 * n));
      s3 = vmladavaq_s8(s3, x, vldrbq_s8(b3 + 16 * n));
    }
    a += 16 * kBlocks;
    b0 += step;
    b1 += step;
    b2 += step;
    b3 += step;
  }
  return lanes_x4(s0, s1, s2, s3);
}

// The dot products of dot_1x4_runs for contiguous rows of `depth` bytes, where only a's last
// partial block is predicated: the rows b_i must be readable up to
// the next multiple of 16 bytes (im2col columns with room for it, or in-place pixels of a
// multiple of 16 channels); what they hold there meets zeros of a.
inline int32x4_t dot_1x4_padded(const int8_t* a, const int8_t* b0, const int8_t* b1,
                                const int8_t* b2, const int8_t* b3, int32_t depth) {
  int32_t s0 = 0;
  int32_t s1 = 0;
  int32_t s2 = 0;
  int32_t s3 = 0;
  for (int32_t blocks = depth >> 4; blocks > 0; --blocks) {
    const int8x16_t x = vldrbq_s8(a);
    s0 = vmladavaq_s8(s0, x, vldrbq_s8(b0));
    s1 = vmladavaq_s8(s1, x, vldrbq_s8(b1));
    s2 = vmladavaq_s8(s2, x, vldrbq_s8(b2));
    s3 = vmladavaq_s8(s3, x, vldrbq_s8(b3));
    a += 16;
    b0 += 16;
    b1 += 16;
    b2 += 16;
    b3 += 16;
  }
  const int32_t tail = depth & 15;
  if (tail != 0) {
    const int8x16_t x = vldrbq_z_s8(a, vctp8q(static_cast<uint32_t>(tail)));
    s0 = vmladavaq_s8(s0, x, vldrbq_s8(b0));
    s1 = vmladavaq_s8(s1, x, vldrbq_s8(b1));
    s2 = vmladavaq_s8(s2, x, vldrbq_s8(b2));
    s3 = vmladavaq_s8(s3, x, vldrbq_s8(b3));
  }
  return lanes_x4(s0, s1, s2, s3);
}

// One row a against two rows b_i, with the sums of the b_i (VADDVA next to each VMLADAV).
// FULLY_CONNECTED folds input_offset * sum(w) with them at eval instead of keeping a folded bias
// in persistent memory. Two rows, not four: the eight running sums and four pointers of four
// rows do not fit in the core registers.
struct Dots1x2 {
  int32_t dot0;
  int32_t dot1;
  int32_t sum0;
  int32_t sum1;
};

inline Dots1x2 dot_1x2_with_sums(const int8_t* a, const int8_t* b0, const int8_t* b1,
                                 int32_t depth) {
  Dots1x2 r{0, 0, 0, 0};
  for (int32_t blocks = depth >> 4; blocks > 0; --blocks) {
    const int8x16_t x = vldrbq_s8(a);
    const int8x16_t y0 = vldrbq_s8(b0);
    const int8x16_t y1 = vldrbq_s8(b1);
    r.dot0 = vmladavaq_s8(r.dot0, x, y0);
    r.sum0 = vaddvaq_s8(r.sum0, y0);
    r.dot1 = vmladavaq_s8(r.dot1, x, y1);
    r.sum1 = vaddvaq_s8(r.sum1, y1);
    a += 16;
    b0 += 16;
    b1 += 16;
  }
  const int32_t tail = depth & 15;
  if (tail != 0) {
    // Predicated loads zero the lanes past the rows: they add nothing to either sum.
    const mve_pred16_t p = vctp8q(static_cast<uint32_t>(tail));
    const int8x16_t x = vldrbq_z_s8(a, p);
    const int8x16_t y0 = vldrbq_z_s8(b0, p);
    const int8x16_t y1 = vldrbq_z_s8(b1, p);
    r.dot0 = vmladavaq_s8(r.dot0, x, y0);
    r.sum0 = vaddvaq_s8(r.sum0, y0);
    r.dot1 = vmladavaq_s8(r.dot1, x, y1);
    r.sum1 = vaddvaq_s8(r.sum1, y1);
  }
  return r;
}

}  // namespace tr::engine::helium
