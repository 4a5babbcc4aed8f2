// FULLY_CONNECTED without scratch: four weight rows at a time against the int8 input row. Per
// group of four inputs: one LDR of the input, widened with the input offset (two SXTAB16) and
// shared by the four rows; per row one LDR, two SXTB16 and two SMLAD. Per-tensor and per-channel
// requantization. A non-zero weights offset (not produced by the TFLite converter) and
// unsupported multipliers go to the reference kernel.
#include "engine/kernels/dsp/dsp_asm.h"
#include "engine/kernels/dsp/dsp_intrinsics.h"
#include "engine/kernels/dsp/dsp_kernels.h"
#include "engine/kernels/dsp/requantize_dsp.h"

namespace tr::engine::dsp {
namespace {

bool handled(const FullyConnectedParams& p, const FullyConnectedDims& d) {
  return d.accum_depth > 0 && d.output_depth > 0 && d.batches > 0 && p.weights_offset == 0;
}

uint32_t load_tail(const int8_t* p, int32_t n) {
  uint32_t v = 0;
  for (int32_t i = 0; i < n; ++i) v |= static_cast<uint32_t>(static_cast<uint8_t>(p[i])) << (8 * i);
  return v;
}

struct Sums4 {
  int32_t a, b, c, d;
};

// One weight row's group against the widened input pair.
inline int32_t mac_row(int32_t acc, uint32_t w, uint32_t xe, uint32_t xo) {
  acc = smlad(sxtb16(w), xe, acc);
  return smlad(sxtb16_ror8(w), xo, acc);
}

// Rows r..r+3 (stride `depth` bytes) over `groups` whole groups of the input row x.
inline void four_rows(const int8_t* w, int32_t depth, const int8_t* x, int32_t groups,
                      uint32_t xoff2, Sums4& s) {
#if defined(__ARM_FEATURE_DSP)
  const int8_t* w2 = w + 2 * depth;
  int32_t a = s.a, b = s.b, c = s.c, d = s.d;  // no pointer to s held across the asm
  int32_t stride = depth;
  uint32_t xe, xo, t0, t1;
  // Fourteen registers: 4 sums, 2 input words, 2 weight words, 2 row pointers, the row
  // stride, the input pointer, the count and the input offset (all read-write operands: GCC
  // finds at most 14 registers for the operands of one statement).
#define TR_DSP_ROW(acc, load)                   \
  load "\n\t"                                   \
       "sxtb16 %[t1], %[t0]\n\t"                \
       "sxtb16 %[t0], %[t0], ror #8\n\t"        \
       "smlad %[" acc "], %[t1], %[xe], %[" acc \
       "]\n\t"                                  \
       "smlad %[" acc "], %[t0], %[xo], %[" acc "]\n\t"
#define TR_DSP_GROUP                                                                            \
  "ldr %[xo], [%[x]], #4\n\t"                                                                   \
  "sxtab16 %[xe], %[off], %[xo]\n\t"                                                            \
  "sxtab16 %[xo], %[off], %[xo], ror #8\n\t" TR_DSP_ROW("b", "ldr %[t0], [%[w], %[stride]]")    \
      TR_DSP_ROW("a", "ldr %[t0], [%[w]], #4") TR_DSP_ROW("d", "ldr %[t0], [%[w2], %[stride]]") \
          TR_DSP_ROW("c", "ldr %[t0], [%[w2]], #4")
  __asm__(TR_DSP_LOOP_TWICE(TR_DSP_GROUP)
          : [a] "+r"(a), [b] "+r"(b), [c] "+r"(c), [d] "+r"(d), [w] "+r"(w), [w2] "+r"(w2),
            [x] "+r"(x), [n] "+r"(groups), [xe] "=&r"(xe), [xo] "=&r"(xo), [t0] "=&r"(t0),
            [t1] "=&r"(t1), [stride] "+r"(stride), [off] "+r"(xoff2)
          :
          : "cc", "memory");
  s = Sums4{a, b, c, d};
#undef TR_DSP_GROUP
#undef TR_DSP_ROW
#else
  for (int32_t g = 0; g < groups; ++g, w += 4, x += 4) {
    const uint32_t v = load_u32(x);
    const uint32_t xe = sxtab16(xoff2, v);
    const uint32_t xo = sxtab16_ror8(xoff2, v);
    s.a = mac_row(s.a, load_u32(w), xe, xo);
    s.b = mac_row(s.b, load_u32(w + depth), xe, xo);
    s.c = mac_row(s.c, load_u32(w + 2 * depth), xe, xo);
    s.d = mac_row(s.d, load_u32(w + 3 * depth), xe, xo);
  }
#endif
}

// One row, all groups including the tail (the tail's missing weights load as 0).
int32_t one_row(const int8_t* w, int32_t depth, const int8_t* x, uint32_t xoff2, int32_t acc) {
  const int32_t whole = depth >> 2;
  for (int32_t g = 0; g < whole; ++g, w += 4, x += 4) {
    const uint32_t v = load_u32(x);
    acc = mac_row(acc, load_u32(w), sxtab16(xoff2, v), sxtab16_ror8(xoff2, v));
  }
  const int32_t tail = depth & 3;
  if (tail != 0) {
    const uint32_t v = load_tail(x, tail);
    acc = mac_row(acc, load_tail(w, tail), sxtab16(xoff2, v), sxtab16_ror8(xoff2, v));
  }
  return acc;
}

struct FcQuant {
  const int32_t* multipliers;  // per channel, or nullptr for the per-tensor pair
  const int32_t* shifts;
  Requant per_tensor;
  const Requant& get(int32_t c, Requant& tmp) const {
    if (multipliers == nullptr) return per_tensor;
    tmp = make_requant(multipliers[c], shifts[c]);
    return tmp;
  }
};

template <bool kFullRange>
void run(const FullyConnectedParams& p, const FcQuant& q, const FullyConnectedDims& d,
         const int8_t* input, const int8_t* weights, const int32_t* bias, int8_t* output) {
  const OutputStage stage{p.output_offset, p.act_min, p.act_max};
  const uint32_t xoff2 = dup16(p.input_offset);
  const int32_t depth = d.accum_depth;
  const int32_t whole = depth >> 2;
  const int32_t tail = depth & 3;
  Requant tmp;
  for (int32_t b = 0; b < d.batches; ++b) {
    const int8_t* x = input + b * depth;
    int8_t* out = output + b * d.output_depth;
    int32_t c = 0;
    for (; c + 4 <= d.output_depth; c += 4) {
      Sums4 s{0, 0, 0, 0};
      if (bias != nullptr) s = Sums4{bias[c], bias[c + 1], bias[c + 2], bias[c + 3]};
      const int8_t* w = weights + c * depth;
      four_rows(w, depth, x, whole, xoff2, s);
      if (tail != 0) {
        const uint32_t v = load_tail(x + 4 * whole, tail);
        const uint32_t xe = sxtab16(xoff2, v);
        const uint32_t xo = sxtab16_ror8(xoff2, v);
        const int8_t* wt = w + 4 * whole;
        s.a = mac_row(s.a, load_tail(wt, tail), xe, xo);
        s.b = mac_row(s.b, load_tail(wt + depth, tail), xe, xo);
        s.c = mac_row(s.c, load_tail(wt + 2 * depth, tail), xe, xo);
        s.d = mac_row(s.d, load_tail(wt + 3 * depth, tail), xe, xo);
      }
      out[c] = stage.apply<kFullRange>(requantize(s.a, q.get(c, tmp)));
      out[c + 1] = stage.apply<kFullRange>(requantize(s.b, q.get(c + 1, tmp)));
      out[c + 2] = stage.apply<kFullRange>(requantize(s.c, q.get(c + 2, tmp)));
      out[c + 3] = stage.apply<kFullRange>(requantize(s.d, q.get(c + 3, tmp)));
    }
    for (; c < d.output_depth; ++c) {
      const int32_t acc =
          one_row(weights + c * depth, depth, x, xoff2, bias != nullptr ? bias[c] : 0);
      out[c] = stage.apply<kFullRange>(requantize(acc, q.get(c, tmp)));
    }
  }
}

void dispatch(const FullyConnectedParams& p, const FcQuant& q, const FullyConnectedDims& d,
              const int8_t* input, const int8_t* weights, const int32_t* bias, int8_t* output) {
  if (OutputStage{p.output_offset, p.act_min, p.act_max}.full_range()) {
    run<true>(p, q, d, input, weights, bias, output);
  } else {
    run<false>(p, q, d, input, weights, bias, output);
  }
}

}  // namespace

uint32_t fully_connected_s8_persistent_bytes(const FullyConnectedParams&,
                                             const FullyConnectedDims&) {
  return 0;
}

uint32_t fully_connected_s8_scratch_bytes(const FullyConnectedParams&, const FullyConnectedDims&) {
  return 0;
}

void fully_connected_s8_prepare(const FullyConnectedParams&, const FullyConnectedDims&,
                                const int8_t*, const int32_t*, void*) {}

void fully_connected_s8(const FullyConnectedParams& params, const FullyConnectedDims& dims,
                        const int8_t* input, const int8_t* weights, const int32_t* bias,
                        int8_t* output, const KernelBuffers&) {
  if (!handled(params, dims) || !requant_supported(params.multiplier, params.shift)) {
    reference::fully_connected_s8(params, dims, input, weights, bias, output);
    return;
  }
  const FcQuant q{nullptr, nullptr, make_requant(params.multiplier, params.shift)};
  dispatch(params, q, dims, input, weights, bias, output);
}

void fully_connected_per_channel_s8(const FullyConnectedParams& params, const int32_t* multipliers,
                                    const int32_t* shifts, const FullyConnectedDims& dims,
                                    const int8_t* input, const int8_t* weights, const int32_t* bias,
                                    int8_t* output, const KernelBuffers&) {
  // The per-channel path ignores the weights offset (as the reference does).
  FullyConnectedParams p = params;
  p.weights_offset = 0;
  if (!handled(p, dims) || !requant_supported(multipliers, shifts, dims.output_depth)) {
    reference::fully_connected_per_channel_s8(params, multipliers, shifts, dims, input, weights,
                                              bias, output);
    return;
  }
  const FcQuant q{multipliers, shifts, Requant{}};
  dispatch(p, q, dims, input, weights, bias, output);
}

}  // namespace tr::engine::dsp
