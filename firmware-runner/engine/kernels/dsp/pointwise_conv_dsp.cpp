#include "engine/kernels/dsp/pointwise_conv_dsp.h"

#include "engine/kernels/dsp/dsp_asm.h"
#include "engine/kernels/dsp/dsp_intrinsics.h"
#include "engine/kernels/dsp/requantize_dsp.h"

namespace tr::engine::dsp {
namespace {

struct Sums {
  int32_t a0, a1, b0, b1;  // row a / b times pixel 0 / 1
};

// Rows a and b, widened: group g of four channels is words 4g..4g+3 = (a0,a2) (a1,a3) (b0,b2)
// (b1,b3), the SXTB16 / SXTB16-ROR-8 lanes of an input word. Returns sum(w) of each row.
void widen_rows(const int8_t* wa, const int8_t* wb, int32_t depth, uint32_t* out, int32_t& sum_a,
                int32_t& sum_b) {
  int32_t sa = 0;
  int32_t sb = 0;
  for (int32_t k = 0; k < depth; k += 4, out += 4) {
    const uint32_t a = load_u32(wa + k);
    const uint32_t b = load_u32(wb + k);
    out[0] = sxtb16(a);
    out[1] = sxtb16_ror8(a);
    out[2] = sxtb16(b);
    out[3] = sxtb16_ror8(b);
    sa = smlad(out[0], 0x00010001u, smlad(out[1], 0x00010001u, sa));
    sb = smlad(out[2], 0x00010001u, smlad(out[3], 0x00010001u, sb));
  }
  sum_a = sa;
  sum_b = sb;
}

#if defined(__ARM_FEATURE_DSP)
// One group of four channels of rows a and b (four widened weight words) against two pixels;
// used by mac_pixels and pixel_pairs (undefined after pixel_pairs).
#define TR_DSP_PIXEL(p, acc_a, acc_b)          \
  "ldr %[x], [%[" p                            \
  "]], #4\n\t"                                 \
  "sxtb16 %[t], %[x]\n\t"                      \
  "sxtb16 %[x], %[x], ror #8\n\t"              \
  "smlad %[" acc_a "], %[wae], %[t], %[" acc_a \
  "]\n\t"                                      \
  "smlad %[" acc_a "], %[wao], %[x], %[" acc_a \
  "]\n\t"                                      \
  "smlad %[" acc_b "], %[wbe], %[t], %[" acc_b \
  "]\n\t"                                      \
  "smlad %[" acc_b "], %[wbo], %[x], %[" acc_b "]\n\t"
#define TR_DSP_GROUP                                                   \
  "ldrd %[wae], %[wao], [%[w]], #8\n\t"                                \
  "ldrd %[wbe], %[wbo], [%[w]], #8\n\t" TR_DSP_PIXEL("p0", "a0", "b0") \
      TR_DSP_PIXEL("p1", "a1", "b1")
#endif

// Both rows against pixels p0 and p1 (`groups` groups of four channels each).
__attribute__((always_inline)) inline void mac_pixels(const uint32_t* w, const int8_t* p0,
                                                      const int8_t* p1, int32_t groups, Sums& s) {
#if defined(__ARM_FEATURE_DSP)
  int32_t a0 = s.a0, a1 = s.a1, b0 = s.b0, b1 = s.b1;  // no pointer to s held across the asm
  uint32_t wae, wao, wbe, wbo, x, t;
  // 14 registers: 4 sums, 4 weight words, 2 input words, 3 pointers and the count.
  __asm__(TR_DSP_LOOP_TWICE(TR_DSP_GROUP)
          : [a0] "+r"(a0), [a1] "+r"(a1), [b0] "+r"(b0), [b1] "+r"(b1), [w] "+r"(w), [p0] "+r"(p0),
            [p1] "+r"(p1), [n] "+r"(groups), [wae] "=&r"(wae), [wao] "=&r"(wao), [wbe] "=&r"(wbe),
            [wbo] "=&r"(wbo), [x] "=&r"(x), [t] "=&r"(t)
          :
          : "cc", "memory");
  s = Sums{a0, a1, b0, b1};
#else
  for (int32_t g = 0; g < groups; ++g, w += 4, p0 += 4, p1 += 4) {
    const uint32_t x0 = load_u32(p0);
    const uint32_t x1 = load_u32(p1);
    s.a0 = smlad(w[1], sxtb16_ror8(x0), smlad(w[0], sxtb16(x0), s.a0));
    s.b0 = smlad(w[3], sxtb16_ror8(x0), smlad(w[2], sxtb16(x0), s.b0));
    s.a1 = smlad(w[1], sxtb16_ror8(x1), smlad(w[0], sxtb16(x1), s.a1));
    s.b1 = smlad(w[3], sxtb16_ror8(x1), smlad(w[2], sxtb16(x1), s.b1));
  }
#endif
}

#if defined(__ARM_FEATURE_DSP)

// What the all-assembly pixel loop reads between pixel pairs (addressed through a pointer
// kept on the stack, since the loop needs all 14 registers). Byte offsets are fixed below.
struct PairLoop {
  Requant qa;           // 0
  Requant qb;           // 16
  int32_t start_a;      // 32
  int32_t start_b;      // 36
  int32_t zero_point;   // 40
  int8_t* out;          // 44: output of (pixel p, row a); advances two pixels per pass
  int32_t out_stride;   // 48: output channels
  int32_t pairs;        // 52: passes left (>= 1)
  int32_t row_bytes;    // 56: bytes of the widened rows
  int32_t groups;       // 60
  int32_t pixel_bytes;  // 64: input channels
};
static_assert(sizeof(Requant) == 16 && sizeof(PairLoop) == 68, "offsets used by the assembly");

// `pairs` consecutive pixel pairs of a contiguous input (stride 1, pixel i at p0 + i * C),
// full-range clamp only: MACs, requantization (SSAT) and stores without leaving assembly.
void pixel_pairs(const uint32_t* w, const int8_t* p0, PairLoop& loop) {
  const int8_t* p1 = p0 + loop.pixel_bytes;
  PairLoop* table = &loop;
  int32_t a0, a1, b0, b1;
  uint32_t wae, wao, wbe, wbo, x;
  // MBQM of acc with constants lo/hi (x, t), M (wae), R - 1 (wao), then + zero point (wbo)
  // and SSAT into acc; wbe and n are temporaries.
#define TR_DSP_REQUANT(acc)       \
  "and %[wbe], %[" acc            \
  "], #0x80000000\n\t"            \
  "adds %[wbe], %[wbe], %[x]\n\t" \
  "adc %[n], %[t], %[" acc        \
  "], asr #31\n\t"                \
  "smlal %[wbe], %[n], %[" acc    \
  "], %[wae]\n\t"                 \
  "asr %[n], %[n], %[wao]\n\t"    \
  "add %[n], %[n], %[wbo]\n\t"    \
  "ssat %[" acc "], #8, %[n]\n\t"
  int32_t n = 0;
  // volatile: its results are the stores, so the compiler must not drop it.
  __asm__ volatile(
      "push {%[t]}\n"
      "4:\n\t"
      "ldr %[t], [sp]\n\t"
      "ldrd %[a0], %[b0], [%[t], #32]\n\t"
      "mov %[a1], %[a0]\n\t"
      "mov %[b1], %[b0]\n\t"
      "ldr %[n], [%[t], #60]\n\t"
      TR_DSP_LOOP_TWICE(TR_DSP_GROUP)
      "ldr %[n], [sp]\n\t"
      "ldr %[wbo], [%[n], #40]\n\t"
      "ldrd %[x], %[t], [%[n], #0]\n\t"
      "ldrd %[wae], %[wao], [%[n], #8]\n\t" TR_DSP_REQUANT("a0") TR_DSP_REQUANT("a1")
      "ldr %[n], [sp]\n\t"
      "ldrd %[x], %[t], [%[n], #16]\n\t"
      "ldrd %[wae], %[wao], [%[n], #24]\n\t" TR_DSP_REQUANT("b0") TR_DSP_REQUANT("b1")
      "ldr %[n], [sp]\n\t"
      "ldr %[x], [%[n], #44]\n\t"
      "ldr %[t], [%[n], #48]\n\t"
      "strb %[a0], [%[x]]\n\t"
      "strb %[b0], [%[x], #1]\n\t"
      "add %[x], %[x], %[t]\n\t"
      "strb %[a1], [%[x]]\n\t"
      "strb %[b1], [%[x], #1]\n\t"
      "add %[x], %[x], %[t]\n\t"
      "str %[x], [%[n], #44]\n\t"
      "ldr %[t], [%[n], #64]\n\t"
      "mov %[p0], %[p1]\n\t"
      "add %[p1], %[p1], %[t]\n\t"
      "ldr %[t], [%[n], #56]\n\t"
      "sub %[w], %[w], %[t]\n\t"
      "ldr %[t], [%[n], #52]\n\t"
      "subs %[t], %[t], #1\n\t"
      "str %[t], [%[n], #52]\n\t"
      "bne 4b\n\t"
      "add sp, sp, #4\n\t"
      : [a0] "=&r"(a0), [a1] "=&r"(a1), [b0] "=&r"(b0), [b1] "=&r"(b1), [w] "+r"(w),
        [p0] "+r"(p0), [p1] "+r"(p1), [n] "+r"(n), [wae] "=&r"(wae), [wao] "=&r"(wao),
        [wbe] "=&r"(wbe), [wbo] "=&r"(wbo), [x] "=&r"(x), [t] "+r"(table)
      :
      : "cc", "memory");
#undef TR_DSP_REQUANT
#undef TR_DSP_GROUP
#undef TR_DSP_PIXEL
}

#endif

template <bool kFullRange>
void run(const ConvParams& params, const PerChannelQuant& quant, const ConvDims& d,
         const int8_t* input, const int8_t* filter, const int32_t* bias, int8_t* output,
         uint32_t* rows) {
  const OutputStage stage{params.output_offset, params.act_min, params.act_max};
  const int32_t depth = d.input_c;
  const int32_t groups = depth >> 2;
  const int32_t pixels = d.output_h * d.output_w;
  const int32_t oc_count = d.output_c;
  // Input offset of output pixel p; stride 1 with equal widths is the common, cheap case.
  const bool contiguous = params.stride_h == 1 && params.stride_w == 1 && d.output_w == d.input_w;
  const auto pixel_offset = [&](int32_t p) {
    if (contiguous) return p * depth;
    return ((p / d.output_w) * params.stride_h * d.input_w + (p % d.output_w) * params.stride_w) *
           depth;
  };
  for (int32_t ra = 0; ra < oc_count; ra += 2) {
    const int32_t rb = ra + 1 < oc_count ? ra + 1 : ra;
    int32_t sum_a;
    int32_t sum_b;
    widen_rows(filter + ra * depth, filter + rb * depth, depth, rows, sum_a, sum_b);
    // bias + input_offset * sum(w): the input offset, folded once per row (wrapping).
    const auto fold = [&](int32_t r, int32_t sum) {
      const uint32_t b = bias != nullptr ? static_cast<uint32_t>(bias[r]) : 0u;
      return static_cast<int32_t>(b + static_cast<uint32_t>(params.input_offset) *
                                          static_cast<uint32_t>(sum));
    };
    const int32_t start_a = fold(ra, sum_a);
    const int32_t start_b = fold(rb, sum_b);
    const Requant qa = make_requant(quant.multipliers[ra], quant.shifts[ra]);
    const Requant qb = make_requant(quant.multipliers[rb], quant.shifts[rb]);
#if defined(__ARM_FEATURE_DSP)
    if (kFullRange && contiguous && rb == ra + 1 && d.batches * pixels >= 2) {
      // Stride 1 makes every batch one run of pixels: all pairs in assembly, an odd last
      // pixel below.
      const int32_t total = d.batches * pixels;
      PairLoop loop{qa,          qb,       start_a,   start_b,   params.output_offset,
                    output + ra, oc_count, total / 2, 4 * depth, groups,
                    depth};
      pixel_pairs(rows, input, loop);
      if ((total & 1) != 0) {
        const int8_t* p0 = input + (total - 1) * depth;
        Sums s{start_a, start_a, start_b, start_b};
        mac_pixels(rows, p0, p0, groups, s);
        int8_t* o = output + (total - 1) * oc_count;
        o[rb] = stage.apply<kFullRange>(requantize(s.b0, qb));
        o[ra] = stage.apply<kFullRange>(requantize(s.a0, qa));
      }
      continue;
    }
#endif
    for (int32_t b = 0; b < d.batches; ++b) {
      const int8_t* image = input + b * d.input_h * d.input_w * depth;
      int8_t* out = output + b * pixels * oc_count;
      for (int32_t p = 0; p < pixels; p += 2) {
        const int32_t q = p + 1 < pixels ? p + 1 : p;
        const int8_t* p0 = image + pixel_offset(p);
        const int8_t* p1 = image + pixel_offset(q);
        Sums s{start_a, start_a, start_b, start_b};
        mac_pixels(rows, p0, p1, groups, s);
        int8_t* o0 = out + p * oc_count;
        int8_t* o1 = out + q * oc_count;
        // Pixel 1 and row b first: when q == p or rb == ra the first results must win.
        o1[rb] = stage.apply<kFullRange>(requantize(s.b1, qb));
        o0[rb] = stage.apply<kFullRange>(requantize(s.b0, qb));
        o1[ra] = stage.apply<kFullRange>(requantize(s.a1, qa));
        o0[ra] = stage.apply<kFullRange>(requantize(s.a0, qa));
      }
    }
  }
}

}  // namespace

bool pointwise_handled(const ConvParams& params, const ConvDims& dims) {
  return dims.filter_h == 1 && dims.filter_w == 1 && dims.filter_c == dims.input_c &&
         dims.input_c % 4 == 0 && dims.input_c > 0 && dims.output_c > 0 && params.pad_top == 0 &&
         params.pad_left == 0;
}

uint32_t pointwise_scratch_bytes(const ConvDims& dims) {
  return 4u * static_cast<uint32_t>(dims.input_c);
}

void pointwise_conv(const ConvParams& params, const PerChannelQuant& quant, const ConvDims& dims,
                    const int8_t* input, const int8_t* filter, const int32_t* bias, int8_t* output,
                    void* scratch) {
  auto* rows = static_cast<uint32_t*>(scratch);
  if (OutputStage{params.output_offset, params.act_min, params.act_max}.full_range()) {
    run<true>(params, quant, dims, input, filter, bias, output, rows);
  } else {
    run<false>(params, quant, dims, input, filter, bias, output, rows);
  }
}

}  // namespace tr::engine::dsp
