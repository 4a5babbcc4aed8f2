#include "engine/kernels/dsp/mat_mult_dsp.h"

#include "engine/kernels/dsp/dsp_asm.h"
#include "engine/kernels/dsp/dsp_intrinsics.h"

namespace tr::engine::dsp {
namespace {

// The last 1-3 weights of a row, zero-extended into a word, so the row end is never overrun.
uint32_t load_tail(const int8_t* p, int32_t n) {
  uint32_t v = 0;
  for (int32_t i = 0; i < n; ++i) v |= static_cast<uint32_t>(static_cast<uint8_t>(p[i])) << (8 * i);
  return v;
}

// Rows a and b (b may equal a for an odd last row) times both columns, from the biases.
struct Sums {
  int32_t a0, a1, b0, b1;  // row a / b times column 0 / 1
};

#if defined(__ARM_FEATURE_DSP)

// One group of four depth elements: row a against both columns, then row b. Written as
// assembly because it needs all 14 allocatable registers (4 sums, 4 column words, 2 weight
// words, 3 pointers, the count), which the compiler does not manage without spilling.
#define TR_DSP_GROUP                     \
  "ldr %[t0], [%[wa]], #4\n\t"           \
  "ldrd %[x0], %[x1], [%[x]], #8\n\t"    \
  "ldrd %[x2], %[x3], [%[x]], #8\n\t"    \
  "sxtb16 %[t1], %[t0]\n\t"              \
  "sxtb16 %[t0], %[t0], ror #8\n\t"      \
  "smlad %[a0], %[t1], %[x0], %[a0]\n\t" \
  "smlad %[a0], %[t0], %[x1], %[a0]\n\t" \
  "smlad %[a1], %[t1], %[x2], %[a1]\n\t" \
  "smlad %[a1], %[t0], %[x3], %[a1]\n\t" \
  "ldr %[t0], [%[wb]], #4\n\t"           \
  "sxtb16 %[t1], %[t0]\n\t"              \
  "sxtb16 %[t0], %[t0], ror #8\n\t"      \
  "smlad %[b0], %[t1], %[x0], %[b0]\n\t" \
  "smlad %[b0], %[t0], %[x1], %[b0]\n\t" \
  "smlad %[b1], %[t1], %[x2], %[b1]\n\t" \
  "smlad %[b1], %[t0], %[x3], %[b1]\n\t"

// `groups` whole groups, two per loop pass (an odd one first).
inline void mac_groups(const int8_t*& wa, const int8_t*& wb, const uint32_t*& x, int32_t groups,
                       Sums& s) {
  int32_t a0 = s.a0, a1 = s.a1, b0 = s.b0, b1 = s.b1;  // no pointer to s held across the asm
  uint32_t x0, x1, x2, x3, t0, t1;
  __asm__(TR_DSP_LOOP_TWICE(TR_DSP_GROUP)
          : [a0] "+r"(a0), [a1] "+r"(a1), [b0] "+r"(b0), [b1] "+r"(b1), [wa] "+r"(wa),
            [wb] "+r"(wb), [x] "+r"(x), [n] "+r"(groups), [x0] "=&r"(x0), [x1] "=&r"(x1),
            [x2] "=&r"(x2), [x3] "=&r"(x3), [t0] "=&r"(t0), [t1] "=&r"(t1)
          :
          : "cc", "memory");
  s = Sums{a0, a1, b0, b1};
}

#undef TR_DSP_GROUP

#endif

// One group from already loaded weight words (portable; also the tail group on the target).
inline void mac_group(uint32_t wa, uint32_t wb, const uint32_t* x, Sums& s) {
  uint32_t we = sxtb16(wa);
  uint32_t wo = sxtb16_ror8(wa);
  s.a0 = smlad(wo, x[1], smlad(we, x[0], s.a0));
  s.a1 = smlad(wo, x[3], smlad(we, x[2], s.a1));
  we = sxtb16(wb);
  wo = sxtb16_ror8(wb);
  s.b0 = smlad(wo, x[1], smlad(we, x[0], s.b0));
  s.b1 = smlad(wo, x[3], smlad(we, x[2], s.b1));
}

// kOverread: a partial last group reads whole words past the row ends (the next rows' weights,
// which must exist); the columns are 0 past `depth`, so those products vanish.
template <bool kOverread>
__attribute__((always_inline)) inline Sums two_rows(const int8_t* wa, const int8_t* wb,
                                                    int32_t depth, const uint32_t* x,
                                                    int32_t bias_a, int32_t bias_b) {
  Sums s{bias_a, bias_a, bias_b, bias_b};
  const int32_t groups = kOverread ? (depth + 3) >> 2 : depth >> 2;
#if defined(__ARM_FEATURE_DSP)
  mac_groups(wa, wb, x, groups, s);
#else
  for (int32_t n = groups; n > 0; --n) {
    mac_group(load_u32(wa), load_u32(wb), x, s);
    wa += 4;
    wb += 4;
    x += 4;
  }
#endif
  const int32_t tail = depth & 3;
  if (!kOverread && tail != 0) mac_group(load_tail(wa, tail), load_tail(wb, tail), x, s);
  return s;
}

// One row pair's results: row b first, so that for an odd last row (b == a) row a's win, and
// column 1 first, so that a missing column 1 (out1 == out0) leaves column 0's.
template <bool kFullRange>
__attribute__((always_inline)) inline void store_pair(const Sums& s, const Requant& qa,
                                                      const Requant& qb, const OutputStage& stage,
                                                      int8_t* out0, int8_t* out1, int32_t r,
                                                      int32_t rb) {
  out1[rb] = stage.apply<kFullRange>(requantize(s.b1, qb));
  out0[rb] = stage.apply<kFullRange>(requantize(s.b0, qb));
  out1[r] = stage.apply<kFullRange>(requantize(s.a1, qa));
  out0[r] = stage.apply<kFullRange>(requantize(s.a0, qa));
}

template <bool kFullRange, bool kBias>
void run(const int8_t* weights, int32_t rows, int32_t depth, const uint32_t* cols,
         const MatMultOutput& o, int8_t* out0, int8_t* out1) {
  // Locals: the int8 stores below may alias anything, so nothing is re-read from `o`.
  const int32_t* multipliers = o.multipliers;
  const int32_t* shifts = o.shifts;
  const int32_t* bias = o.bias;
  const OutputStage stage = o.stage;
  if (out1 == nullptr) out1 = out0;
  const int32_t pairs = rows >> 1;
  const int8_t* wa = weights;
  const auto pair = [&]<bool kOverread>(int32_t r) {
    const Sums s = two_rows<kOverread>(wa, wa + depth, depth, cols, kBias ? bias[r] : 0,
                                       kBias ? bias[r + 1] : 0);
    store_pair<kFullRange>(s, make_requant(multipliers[r], shifts[r]),
                           make_requant(multipliers[r + 1], shifts[r + 1]), stage, out0, out1, r,
                           r + 1);
    wa += 2 * depth;
  };
  // Row b's last word may be read whole when another row follows it (every pair but the last
  // when rows is even) and that row is long enough to hold the overread (depth >= 4: the read
  // passes row b's end by at most 3 bytes).
  const int32_t overread_pairs = depth < 4 ? 0 : ((rows & 1) != 0 ? pairs : pairs - 1);
  for (int32_t i = 0; i < overread_pairs; ++i) pair.template operator()<true>(2 * i);
  for (int32_t i = overread_pairs; i < pairs; ++i) pair.template operator()<false>(2 * i);
  if ((rows & 1) != 0) {
    const int32_t r = rows - 1;
    const int32_t b = kBias ? bias[r] : 0;
    const Sums s = two_rows<false>(wa, wa, depth, cols, b, b);
    const Requant q = make_requant(multipliers[r], shifts[r]);
    store_pair<kFullRange>(s, q, q, stage, out0, out1, r, r);
  }
}

}  // namespace

void mat_mult_2cols(const int8_t* weights, int32_t rows, int32_t depth, const uint32_t* cols,
                    const MatMultOutput& o, int8_t* out0, int8_t* out1) {
  const bool full = o.stage.full_range();
  if (o.bias != nullptr) {
    (full ? run<true, true> : run<false, true>)(weights, rows, depth, cols, o, out0, out1);
  } else {
    (full ? run<true, false> : run<false, false>)(weights, rows, depth, cols, o, out0, out1);
  }
}

}  // namespace tr::engine::dsp
