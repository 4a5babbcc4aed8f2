// DEPTHWISE_CONV_2D, four channels at a time: the four channels' filter taps are widened once
// into scratch (two int16-pair words per tap), then every output pixel loads the four input
// channels of each tap with one LDR, widens them with the input offset (SXTAB16) and does four
// 16x16 MACs (SMLABB/SMLATT), so out-of-bounds taps are simply skipped. 3x3 filters with
// dilation 1 run an unrolled nine-tap kernel; their border pixels first gather the window with
// the input zero point in place of missing taps, or (narrow rows and the top/bottom rows,
// full-range clamp) the whole output row runs from a band of three input rows padded with the
// input zero point. Any depth multiplier, stride, dilation and
// padding; unsupported requantizations go to the reference kernel.
#include "engine/kernels/dsp/dsp_intrinsics.h"
#include "engine/kernels/dsp/dsp_kernels.h"
#include "engine/kernels/dsp/requantize_dsp.h"

namespace tr::engine::dsp {
namespace {

// Largest filter window handled (8 bytes of scratch per tap).
constexpr int32_t kMaxTaps = 1024;

bool handled(const DepthwiseConvDims& d) {
  return d.filter_h > 0 && d.filter_w > 0 && d.filter_h * d.filter_w <= kMaxTaps && d.input_c > 0 &&
         d.depth_multiplier > 0 && d.output_c == d.input_c * d.depth_multiplier;
}

// 3x3 windows, dilation 1, depth multiplier 1, full-range clamp and at least one whole channel
// group: every output row runs from a padded band (three input rows of the group, the input
// zero point in place of padding), so border pixels take the interior kernel too.
bool banded(const ConvParams& p, const DepthwiseConvDims& d) {
  return d.filter_h == 3 && d.filter_w == 3 && p.dilation_h == 1 && p.dilation_w == 1 &&
         d.depth_multiplier == 1 && d.input_c >= 4 && p.act_min == -128 && p.act_max == 127 &&
         d.output_w > 0 && p.stride_w > 0;
}

// Widest band used for rows without vertical padding (measured break-even on Cortex-M4).
constexpr int32_t kBandedWidth = 16;

// Words per band row: the input columns -pad_left .. (output_w - 1) * stride_w + 2 - pad_left.
int32_t band_width(const ConvParams& p, const DepthwiseConvDims& d) {
  return (d.output_w - 1) * p.stride_w + 3;
}

// The first 1-3 bytes of p zero-extended (a partial channel group never reads past the pixel).
uint32_t load_partial(const int8_t* p, int32_t n) {
  uint32_t v = 0;
  for (int32_t i = 0; i < n; ++i) v |= static_cast<uint32_t>(static_cast<uint8_t>(p[i])) << (8 * i);
  return v;
}

// First k with 0 <= i0 + k * d < size, and one past the last (k in [0, taps)).
void tap_range(int32_t i0, int32_t size, int32_t d, int32_t taps, int32_t& lo, int32_t& hi) {
  lo = i0 >= 0 ? 0 : (-i0 + d - 1) / d;
  hi = size - i0 <= 0 ? 0 : (size - i0 + d - 1) / d;
  if (hi > taps) hi = taps;
  if (lo > hi) lo = hi;
}

// One channel group's setup: channel j (0-3) of the group is output channel
// first_oc + j * depth_multiplier; lanes: j=0 -> even word low, 1 -> odd low, 2 -> even high,
// 3 -> odd high (the SXTB16 / SXTB16-ROR-8 lanes of an input word).
struct Group {
  int32_t channels;  // 1-4
  int32_t first_ic;
  int32_t first_oc;
  int32_t sums[4];  // bias per channel (0 past `channels`)
  Requant q[4];
};

void widen_filter(const DepthwiseConvDims& d, const int8_t* filter, const Group& g, uint32_t* w) {
  const int32_t taps = d.filter_h * d.filter_w;
  for (int32_t t = 0; t < taps; ++t) {
    int32_t v[4] = {0, 0, 0, 0};
    for (int32_t j = 0; j < g.channels; ++j) {
      v[j] = filter[t * d.output_c + g.first_oc + j * d.depth_multiplier];
    }
    w[2 * t] = (static_cast<uint32_t>(v[0]) & 0xFFFFu) | (static_cast<uint32_t>(v[2]) << 16);
    w[2 * t + 1] = (static_cast<uint32_t>(v[1]) & 0xFFFFu) | (static_cast<uint32_t>(v[3]) << 16);
  }
}

struct Acc {
  int32_t a0, a1, a2, a3;
};

inline void mac_tap(uint32_t x, uint32_t offset2, const uint32_t* w, Acc& s) {
  const uint32_t xe = sxtab16(offset2, x);
  const uint32_t xo = sxtab16_ror8(offset2, x);
  const uint32_t we = w[0];
  const uint32_t wo = w[1];
  s.a0 = smlabb(xe, we, s.a0);
  s.a2 = smlatt(xe, we, s.a2);
  s.a1 = smlabb(xo, wo, s.a1);
  s.a3 = smlatt(xo, wo, s.a3);
}

#if defined(__ARM_FEATURE_DSP)
// One tap of four channels (LDR by `load`, 2 SXTAB16, LDRD, 4 SMLAxy) and one row of three
// taps at r, r + c, r + 2c; used by mac_3x3 and pixel_run_3x3 (undefined after it).
#define TR_DSP_TAP(load)                        \
  load "\n\t"                                   \
       "sxtab16 %[t], %[off], %[x]\n\t"         \
       "sxtab16 %[x], %[off], %[x], ror #8\n\t" \
       "ldrd %[we], %[wo], [%[w]], #8\n\t"      \
       "smlabb %[a0], %[t], %[we], %[a0]\n\t"   \
       "smlatt %[a2], %[t], %[we], %[a2]\n\t"   \
       "smlabb %[a1], %[x], %[wo], %[a1]\n\t"   \
       "smlatt %[a3], %[x], %[wo], %[a3]\n\t"
#define TR_DSP_ROW               \
  TR_DSP_TAP("ldr %[x], [%[r]]") \
  TR_DSP_TAP("ldr %[x], [%[r], %[c]]") TR_DSP_TAP("ldr %[x], [%[r], %[c], lsl #1]")
#endif

// All nine taps of a 3x3 window of four channels: taps (ky, kx) at r + ky * row + kx * c,
// widened weights w[0..17] in tap order.
__attribute__((always_inline)) inline void mac_3x3(const int8_t* r, int32_t c, int32_t row,
                                                   const uint32_t* w, uint32_t offset2, Acc& s) {
#if defined(__ARM_FEATURE_DSP)
  // 14 registers (4 sums, 4 temporaries, 6 pointers and constants): written as assembly so
  // nothing spills inside the window: per tap LDR, 2 SXTAB16, LDRD, 4 SMLAxy.
  int32_t a0 = s.a0, a1 = s.a1, a2 = s.a2, a3 = s.a3;
  // Every operand read-write: GCC only finds 14 registers for in/out operands.
  int32_t c1 = c;
  int32_t next_row = row;
  uint32_t off = offset2;
  uint32_t x, t, we, wo;
  __asm__(TR_DSP_ROW "add %[r], %[r], %[next]\n\t" TR_DSP_ROW
                     "add %[r], %[r], %[next]\n\t" TR_DSP_ROW
          : [a0] "+r"(a0), [a1] "+r"(a1), [a2] "+r"(a2), [a3] "+r"(a3), [r] "+r"(r), [w] "+r"(w),
            [x] "=&r"(x), [t] "=&r"(t), [we] "=&r"(we), [wo] "=&r"(wo), [c] "+r"(c1),
            [next] "+r"(next_row), [off] "+r"(off)
          :
          : "memory");
  s = Acc{a0, a1, a2, a3};
#else
  for (int32_t ky = 0; ky < 3; ++ky, r += row) {
    mac_tap(load_u32(r), offset2, w + 6 * ky, s);
    mac_tap(load_u32(r + c), offset2, w + 6 * ky + 2, s);
    mac_tap(load_u32(r + 2 * c), offset2, w + 6 * ky + 4, s);
  }
#endif
}

#if defined(__ARM_FEATURE_DSP)

// What the all-assembly pixel run reads between pixels (through a pointer kept on the stack:
// the loop needs all 14 registers). The byte offsets are used by the assembly below.
struct PixelRun {
  Requant q[4];        // 0
  int32_t sums[4];     // 64
  int32_t zero_point;  // 80
  int8_t* out;         // 84: four outputs of the current pixel; advances by out_step
  int32_t out_step;    // 88
  int32_t count;       // 92: pixels left (>= 1)
  int32_t in_step;     // 96: input bytes between pixels
  int32_t c;           // 100: input channels (bytes between horizontal taps)
  int32_t row;         // 104: input row bytes
  uint32_t offset2;    // 108
  const uint32_t* w;   // 112: widened taps
};
static_assert(sizeof(Requant) == 16 && sizeof(PixelRun) == 116, "offsets used by the assembly");

// `count` interior pixels of one output row, 3x3 taps, depth multiplier 1, full-range clamp:
// MACs, requantization (SSAT) and the four stores per pixel without leaving assembly.
void pixel_run_3x3(const int8_t* r, PixelRun& run) {
  PixelRun* table = &run;
  int32_t a0, a1, a2, a3;
  uint32_t x, t, we, wo, c, nxt, off;
  const uint32_t* w;
  // MBQM with the constants of channel j at table offset `o`, + zero point (off), SSAT.
#define TR_DSP_REQUANT(acc, o, o8) \
  "ldrd %[x], %[t], [%[n], #" o    \
  "]\n\t"                          \
  "ldrd %[we], %[wo], [%[n], #" o8 \
  "]\n\t"                          \
  "and %[c], %[" acc               \
  "], #0x80000000\n\t"             \
  "adds %[c], %[c], %[x]\n\t"      \
  "adc %[nxt], %[t], %[" acc       \
  "], asr #31\n\t"                 \
  "smlal %[c], %[nxt], %[" acc     \
  "], %[we]\n\t"                   \
  "asr %[nxt], %[nxt], %[wo]\n\t"  \
  "add %[nxt], %[nxt], %[off]\n\t" \
  "ssat %[" acc "], #8, %[nxt]\n\t"
  // volatile: its results are the stores, so the compiler must not drop it.
  __asm__ volatile(
      "push {%[n]}\n"
      "4:\n\t"
      "ldr %[n], [sp]\n\t"
      "ldrd %[a0], %[a1], [%[n], #64]\n\t"
      "ldrd %[a2], %[a3], [%[n], #72]\n\t"
      "ldr %[w], [%[n], #112]\n\t"
      "ldr %[c], [%[n], #100]\n\t"
      "ldr %[nxt], [%[n], #104]\n\t"
      "ldr %[off], [%[n], #108]\n\t" TR_DSP_ROW "add %[r], %[r], %[nxt]\n\t" TR_DSP_ROW
      "add %[r], %[r], %[nxt]\n\t" TR_DSP_ROW
      "sub %[r], %[r], %[nxt], lsl #1\n\t"
      "ldr %[n], [sp]\n\t"
      "ldr %[off], [%[n], #80]\n\t" TR_DSP_REQUANT("a0", "0", "8") TR_DSP_REQUANT("a1", "16", "24")
          TR_DSP_REQUANT("a2", "32", "40") TR_DSP_REQUANT("a3", "48", "56")
      "ldr %[x], [%[n], #84]\n\t"
      "strb %[a0], [%[x]]\n\t"
      "strb %[a1], [%[x], #1]\n\t"
      "strb %[a2], [%[x], #2]\n\t"
      "strb %[a3], [%[x], #3]\n\t"
      "ldr %[t], [%[n], #88]\n\t"
      "add %[x], %[x], %[t]\n\t"
      "str %[x], [%[n], #84]\n\t"
      "ldr %[t], [%[n], #96]\n\t"
      "add %[r], %[r], %[t]\n\t"
      "ldr %[t], [%[n], #92]\n\t"
      "subs %[t], %[t], #1\n\t"
      "str %[t], [%[n], #92]\n\t"
      "bne 4b\n\t"
      "add sp, sp, #4\n\t"
      : [a0] "=&r"(a0), [a1] "=&r"(a1), [a2] "=&r"(a2), [a3] "=&r"(a3), [r] "+r"(r),
        [n] "+r"(table), [x] "=&r"(x), [t] "=&r"(t), [we] "=&r"(we), [wo] "=&r"(wo),
        [w] "=&r"(w), [c] "=&r"(c), [nxt] "=&r"(nxt), [off] "=&r"(off)
      :
      : "cc", "memory");
#undef TR_DSP_REQUANT
#undef TR_DSP_ROW
#undef TR_DSP_TAP
}

#endif

template <bool kPartial>
inline uint32_t load_group(const int8_t* p, int32_t channels) {
  if constexpr (kPartial) {
    return load_partial(p, channels);
  } else {
    return load_u32(p);
  }
}

// Output columns [lo, hi) whose taps all lie inside the input row (no tap_range needed).
void interior_columns(const ConvParams& p, const DepthwiseConvDims& d, int32_t& lo, int32_t& hi) {
  const int32_t span = (d.filter_w - 1) * p.dilation_w;
  lo = (p.pad_left + p.stride_w - 1) / p.stride_w;
  const int32_t last = d.input_w - 1 - span + p.pad_left;  // largest ox * stride allowed
  hi = last < 0 ? 0 : last / p.stride_w + 1;
  if (hi > d.output_w) hi = d.output_w;
  if (lo > hi) lo = hi;
}

// The band of output row oy: rows iy0 .. iy0 + 2 of the group's four channels, one word per
// input column, the padding word (four input zero points) outside the image.
void banded_row(const ConvParams& p, const DepthwiseConvDims& d, const int8_t* image, int32_t iy0,
                uint32_t pad4, uint32_t* band) {
  const int32_t bw = band_width(p, d);
  const int32_t row_stride = d.input_w * d.input_c;
  for (int32_t ky = 0; ky < 3; ++ky, band += bw) {
    const int32_t iy = iy0 + ky;
    int32_t j = 0;
    if (iy >= 0 && iy < d.input_h) {
      const int8_t* row = image + iy * row_stride;
      int32_t ix = -p.pad_left;
      for (; j < bw && ix < 0; ++j, ++ix) band[j] = pad4;
      const int32_t end = bw < d.input_w - ix + j ? bw : d.input_w - ix + j;
      const int8_t* src = row + ix * d.input_c;
      for (; j < end; ++j, src += d.input_c) band[j] = load_u32(src);
    }
    for (; j < bw; ++j) band[j] = pad4;
  }
}

#if !defined(__ARM_FEATURE_DSP)
// Every pixel of one output row from its band (full range, four channels); the target runs
// pixel_run_3x3 instead.
void banded_pixels(const ConvParams& p, const DepthwiseConvDims& d, const uint32_t* w,
                   const Group& g, const OutputStage& stage, uint32_t offset2, const uint32_t* band,
                   int8_t* out) {
  const int32_t bw = band_width(p, d);
  const auto* r = reinterpret_cast<const int8_t*>(band);
  for (int32_t ox = 0; ox < d.output_w; ++ox, out += d.output_c, r += 4 * p.stride_w) {
    Acc s{g.sums[0], g.sums[1], g.sums[2], g.sums[3]};
    mac_3x3(r, 4, 4 * bw, w, offset2, s);
    out[0] = stage.apply<true>(requantize(s.a0, g.q[0]));
    out[1] = stage.apply<true>(requantize(s.a1, g.q[1]));
    out[2] = stage.apply<true>(requantize(s.a2, g.q[2]));
    out[3] = stage.apply<true>(requantize(s.a3, g.q[3]));
  }
}
#endif

// Taps [kx_lo, kx_hi) of one filter row; `at` is the image offset of tap 0 (it may lie
// outside the image when kx_lo > 0, so only in-bounds addresses are formed).
template <bool kPartial>
inline void mac_row_taps(const int8_t* image, int32_t at, int32_t kx_lo, int32_t kx_hi,
                         int32_t step, int32_t channels, uint32_t offset2, const uint32_t* w,
                         Acc& s) {
  for (int32_t kx = kx_lo; kx < kx_hi; ++kx) {
    mac_tap(load_group<kPartial>(image + at + kx * step, channels), offset2, w + 2 * kx, s);
  }
}

template <bool kPartial, bool kFullRange>
void run_group(const ConvParams& p, const DepthwiseConvDims& d, const int8_t* input,
               const uint32_t* w, const Group& g, const OutputStage& stage_in, int8_t* output,
               uint32_t* band) {
  const OutputStage stage = stage_in;  // a local: the int8 stores may alias anything
  const uint32_t offset2 = dup16(p.input_offset);
  // Four copies of the input zero point -input_offset: padding that widens to 0.
  const uint32_t pad4 = (static_cast<uint32_t>(-p.input_offset) & 0xFFu) * 0x01010101u;
  const int32_t row_stride = d.input_w * d.input_c;
  const int32_t c = d.input_c;
  const int32_t step = p.dilation_w * c;  // bytes between horizontal taps
  const int32_t m = d.depth_multiplier;
  const bool unrolled_3x3 =
      !kPartial && d.filter_h == 3 && d.filter_w == 3 && p.dilation_h == 1 && p.dilation_w == 1;
  int32_t ox_lo;
  int32_t ox_hi;
  interior_columns(p, d, ox_lo, ox_hi);
#if defined(__ARM_FEATURE_DSP)
  // The banded rows' constants, set once per group; each row sets its output and pixel count.
  PixelRun band_run{{g.q[0], g.q[1], g.q[2], g.q[3]},
                    {g.sums[0], g.sums[1], g.sums[2], g.sums[3]},
                    stage.offset,
                    nullptr,
                    d.output_c,
                    0,
                    4 * p.stride_w,
                    4,
                    4 * band_width(p, d),
                    offset2,
                    w};
#endif
  for (int32_t b = 0; b < d.batches; ++b) {
    const int8_t* image = input + b * d.input_h * row_stride + g.first_ic;
    for (int32_t oy = 0; oy < d.output_h; ++oy) {
      const int32_t iy0 = oy * p.stride_h - p.pad_top;
      int32_t ky_lo;
      int32_t ky_hi;
      tap_range(iy0, d.input_h, p.dilation_h, d.filter_h, ky_lo, ky_hi);
      const bool full_rows = ky_lo == 0 && ky_hi == d.filter_h;
      int8_t* out = output + ((b * d.output_h + oy) * d.output_w) * d.output_c + g.first_oc;
      // Image offset of tap (0, 0) of the current pixel (negative or past the end at borders).
      int32_t at = iy0 * row_stride - p.pad_left * c;
      const int32_t at_step = p.stride_w * c;
      // The band copies three words per column; the old path pays ~230 more per border pixel:
      // narrow rows and the top/bottom rows are cheaper from the band.
      if (!kPartial && band != nullptr && (!full_rows || band_width(p, d) <= kBandedWidth)) {
        banded_row(p, d, image, iy0, pad4, band);
#if defined(__ARM_FEATURE_DSP)
        band_run.out = out;
        band_run.count = d.output_w;
        pixel_run_3x3(reinterpret_cast<const int8_t*>(band), band_run);
#else
        banded_pixels(p, d, w, g, stage, offset2, band, out);
#endif
        continue;
      }
      for (int32_t ox = 0; ox < d.output_w; ++ox, out += d.output_c, at += at_step) {
#if defined(__ARM_FEATURE_DSP)
        if (kFullRange && unrolled_3x3 && m == 1 && full_rows && ox == ox_lo && ox_hi > ox_lo) {
          // The whole interior run of this row in one assembly loop.
          const int32_t count = ox_hi - ox_lo;
          PixelRun run{{g.q[0], g.q[1], g.q[2], g.q[3]},
                       {g.sums[0], g.sums[1], g.sums[2], g.sums[3]},
                       stage.offset,
                       out,
                       d.output_c,
                       count,
                       at_step,
                       c,
                       row_stride,
                       offset2,
                       w};
          pixel_run_3x3(image + at, run);
          ox += count - 1;
          out += (count - 1) * d.output_c;
          at += (count - 1) * at_step;
          continue;
        }
#endif
        Acc s{g.sums[0], g.sums[1], g.sums[2], g.sums[3]};
        const bool interior = ox >= ox_lo && ox < ox_hi;
        if (unrolled_3x3 && full_rows && interior) {
          mac_3x3(image + at, c, row_stride, w, offset2, s);
        } else if (unrolled_3x3) {
          // Border pixel: gather the window with the input zero point (x + offset = 0) in
          // place of missing taps, then the same nine-tap kernel.
          uint32_t patch[9];
          const int32_t ix0 = ox * p.stride_w - p.pad_left;
          const bool col[3] = {ix0 >= 0 && ix0 < d.input_w, ix0 + 1 >= 0 && ix0 + 1 < d.input_w,
                               ix0 + 2 >= 0 && ix0 + 2 < d.input_w};
          for (int32_t ky = 0; ky < 3; ++ky) {
            const bool row = ky >= ky_lo && ky < ky_hi;
            const int32_t t = at + ky * row_stride;
            patch[3 * ky] = row && col[0] ? load_u32(image + t) : pad4;
            patch[3 * ky + 1] = row && col[1] ? load_u32(image + t + c) : pad4;
            patch[3 * ky + 2] = row && col[2] ? load_u32(image + t + 2 * c) : pad4;
          }
          mac_3x3(reinterpret_cast<const int8_t*>(patch), 4, 12, w, offset2, s);
        } else {
          int32_t kx_lo = 0;
          int32_t kx_hi = d.filter_w;
          if (!interior)
            tap_range(ox * p.stride_w - p.pad_left, d.input_w, p.dilation_w, d.filter_w, kx_lo,
                      kx_hi);
          const int32_t row_step = p.dilation_h * row_stride;
          for (int32_t ky = ky_lo; ky < ky_hi; ++ky) {
            mac_row_taps<kPartial>(image, at + ky * row_step, kx_lo, kx_hi, step, g.channels,
                                   offset2, w + 2 * ky * d.filter_w, s);
          }
        }
        out[0] = stage.apply<kFullRange>(requantize(s.a0, g.q[0]));
        if (kPartial && g.channels < 2) continue;
        out[m] = stage.apply<kFullRange>(requantize(s.a1, g.q[1]));
        if (kPartial && g.channels < 3) continue;
        out[2 * m] = stage.apply<kFullRange>(requantize(s.a2, g.q[2]));
        if (kPartial && g.channels < 4) continue;
        out[3 * m] = stage.apply<kFullRange>(requantize(s.a3, g.q[3]));
      }
    }
  }
}

template <bool kFullRange>
void run(const ConvParams& p, const PerChannelQuant& quant, const DepthwiseConvDims& d,
         const int8_t* input, const int8_t* filter, const int32_t* bias, int8_t* output,
         uint32_t* w, uint32_t* band) {
  const OutputStage stage{p.output_offset, p.act_min, p.act_max};
  for (int32_t m = 0; m < d.depth_multiplier; ++m) {
    for (int32_t ic = 0; ic < d.input_c; ic += 4) {
      Group g{};
      g.channels = d.input_c - ic < 4 ? d.input_c - ic : 4;
      g.first_ic = ic;
      g.first_oc = ic * d.depth_multiplier + m;
      for (int32_t j = 0; j < g.channels; ++j) {
        const int32_t oc = g.first_oc + j * d.depth_multiplier;
        g.sums[j] = bias != nullptr ? bias[oc] : 0;
        g.q[j] = make_requant(quant.multipliers[oc], quant.shifts[oc]);
      }
      widen_filter(d, filter, g, w);
      if (g.channels == 4) {
        run_group<false, kFullRange>(p, d, input, w, g, stage, output, band);
      } else {
        run_group<true, kFullRange>(p, d, input, w, g, stage, output, nullptr);
      }
    }
  }
}

}  // namespace

uint32_t depthwise_conv_2d_s8_persistent_bytes(const ConvParams&, const DepthwiseConvDims&) {
  return 0;
}

// Widened taps, plus the band when banded().
uint32_t depthwise_conv_2d_s8_scratch_bytes(const ConvParams& params,
                                            const DepthwiseConvDims& dims) {
  if (!handled(dims)) return 0;
  const uint32_t taps = 8u * static_cast<uint32_t>(dims.filter_h * dims.filter_w);
  return banded(params, dims) ? taps + 12u * static_cast<uint32_t>(band_width(params, dims)) : taps;
}

void depthwise_conv_2d_s8_prepare(const ConvParams&, const DepthwiseConvDims&, const int8_t*,
                                  const int32_t*, void*) {}

void depthwise_conv_2d_s8(const ConvParams& params, const PerChannelQuant& quant,
                          const DepthwiseConvDims& dims, const int8_t* input, const int8_t* filter,
                          const int32_t* bias, int8_t* output, const KernelBuffers& buffers) {
  if (!handled(dims) || buffers.scratch == nullptr ||
      !requant_supported(quant.multipliers, quant.shifts, dims.output_c)) {
    reference::depthwise_conv_2d_s8(params, quant, dims, input, filter, bias, output);
    return;
  }
  auto* w = static_cast<uint32_t*>(buffers.scratch);
  uint32_t* band = banded(params, dims) ? w + 2 * dims.filter_h * dims.filter_w : nullptr;
  if (OutputStage{params.output_offset, params.act_min, params.act_max}.full_range()) {
    run<true>(params, quant, dims, input, filter, bias, output, w, band);
  } else {
    run<false>(params, quant, dims, input, filter, bias, output, w, nullptr);
  }
}

}  // namespace tr::engine::dsp
