// ADD (int8-quantization.md §11) for same-shape inputs: each of the three MBQM steps is one
// SMLAL (requantize_dsp.h), and the larger-scale input's step, MBQM(a, 2^30, 0) of an even a,
// is an exact halving folded into its left shift. Broadcasting and other quantizations run
// the reference kernel.
#include "engine/kernels/dsp/dsp_kernels.h"
#include "engine/kernels/dsp/requantize_dsp.h"

namespace tr::engine::dsp {
namespace {

// True when both inputs have the output's shape (every stride is the row-major one), so the
// three tensors are walked in lockstep.
bool same_shape(const BroadcastShape& s) {
  int32_t stride = 1;
  for (int32_t d = s.rank - 1; d >= 0; --d) {
    if (s.dims[d] != 1 && (s.strides1[d] != stride || s.strides2[d] != stride)) return false;
    stride *= s.dims[d];
  }
  return true;
}

// ADD's fixed left shift for int8 (TFLM's add_common.cc); a compile-time constant so the
// shift and the offset take one ADD with a shifted operand.
constexpr int32_t kLeftShift = 20;

// One input's scaling to the common fixed-point scale, MBQM((x + offset) << 20, M, S).
// `half`: (M, S) = (2^30, 0), where SRDHM(a, 2^30) = floor((a + 1) / 2) = a / 2 for the even a,
// so the result is (x + offset) << 19. Otherwise one SMLAL for S <= -1.
struct InputScale {
  bool half = false;
  uint32_t offset_shifted = 0;  // offset << 19 when half, else offset << 20
  Requant requant;

  // Every supported case; |x + offset| <= 255, so (x + offset) << 20 fits in int32.
  static bool supported(int32_t left_shift, int32_t multiplier, int32_t shift) {
    if (left_shift != kLeftShift) return false;
    if (multiplier == (int32_t{1} << 30) && shift == 0) return true;
    return multiplier > 0 && shift <= -1 && shift >= -31;
  }

  static InputScale make(int32_t offset, int32_t multiplier, int32_t shift) {
    InputScale s;
    s.half = shift == 0;
    s.offset_shifted = static_cast<uint32_t>(offset) << (s.half ? kLeftShift - 1 : kLeftShift);
    if (!s.half) s.requant = make_requant(multiplier, shift);
    return s;
  }

  template <bool kHalf>
  int32_t apply(int8_t x) const {
    // Wrapping in uint32 is exact: the true value fits in int32 (see supported()).
    constexpr int32_t kShift = kHalf ? kLeftShift - 1 : kLeftShift;
    const auto a = static_cast<int32_t>((static_cast<uint32_t>(x) << kShift) + offset_shifted);
    if constexpr (kHalf) {
      return a;
    } else {
      return requantize(a, requant);
    }
  }
};

template <bool kHalf1, bool kHalf2, bool kFullRange>
void add_elementwise(const InputScale& s1, const InputScale& s2, const Requant& out_requant,
                     const OutputStage& stage, uint32_t count, const int8_t* in1, const int8_t* in2,
                     int8_t* out) {
  // Local copies: the int8 stores may alias the parameter structs, which would force the
  // compiler to reload every constant per element.
  const InputScale l1 = s1;
  const InputScale l2 = s2;
  const Requant lo = out_requant;
  const OutputStage ls = stage;
  for (uint32_t i = 0; i < count; ++i) {
    const int32_t a = l1.apply<kHalf1>(in1[i]);
    const int32_t b = l2.apply<kHalf2>(in2[i]);
    const int32_t sum = static_cast<int32_t>(static_cast<uint32_t>(a) + static_cast<uint32_t>(b));
    out[i] = ls.apply<kFullRange>(requantize(sum, lo));
  }
}

using AddFn = void (*)(const InputScale&, const InputScale&, const Requant&, const OutputStage&,
                       uint32_t, const int8_t*, const int8_t*, int8_t*);

template <bool kFullRange>
AddFn pick(bool half1, bool half2) {
  if (half1) {
    return half2 ? add_elementwise<true, true, kFullRange>
                 : add_elementwise<true, false, kFullRange>;
  }
  return half2 ? add_elementwise<false, true, kFullRange>
               : add_elementwise<false, false, kFullRange>;
}

}  // namespace

void add_s8(const AddParams& params, const BroadcastShape& shape, const int8_t* input1,
            const int8_t* input2, int8_t* output) {
  const AddParams& p = params;
  const bool fast = same_shape(shape) &&
                    InputScale::supported(p.left_shift, p.input1_multiplier, p.input1_shift) &&
                    InputScale::supported(p.left_shift, p.input2_multiplier, p.input2_shift) &&
                    p.output_multiplier > 0 && p.output_shift <= -1 && p.output_shift >= -31;
  if (!fast) {
    reference::add_s8(params, shape, input1, input2, output);
    return;
  }
  const InputScale s1 = InputScale::make(p.input1_offset, p.input1_multiplier, p.input1_shift);
  const InputScale s2 = InputScale::make(p.input2_offset, p.input2_multiplier, p.input2_shift);
  const Requant out_requant = make_requant(p.output_multiplier, p.output_shift);
  const OutputStage stage{p.output_offset, p.act_min, p.act_max};
  const AddFn fn =
      stage.full_range() ? pick<true>(s1.half, s2.half) : pick<false>(s1.half, s2.half);
  fn(s1, s2, out_requant, stage, shape.element_count(), input1, input2, output);
}

}  // namespace tr::engine::dsp
