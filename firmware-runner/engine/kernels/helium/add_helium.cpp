// ADD (int8-quantization.md §11) with MVE, four elements per step. Same-shape inputs run
// vectorized, broadcasting runs the reference kernel.
#include "engine/kernels/helium/helium_kernels.h"

#include <arm_mve.h>

#include "engine/kernels/helium/mve_requantize.h"

namespace tr::engine::helium {
namespace {

// True when both inputs have the output's shape (every stride is the row-major one), so the
// three tensors are walked in lockstep.
bool same_shape(const reference::BroadcastShape& s) {
  int32_t stride = 1;
  for (int32_t d = s.rank - 1; d >= 0; --d) {
    if (s.dims[d] != 1 && (s.strides1[d] != stride || s.strides2[d] != stride)) return false;
    stride *= s.dims[d];
  }
  return true;
}

// One input scaled to the common fixed-point scale: MBQM((x + offset) << left_shift).
template <bool kAnyLeftShift>
inline int32x4_t scale_input(int32x4_t x, int32_t offset, int32_t left_shift, int32x4_t multiplier,
                             int32x4_t shift) {
  const int32x4_t a = vshlq_r_s32(vaddq_n_s32(x, offset), left_shift);
  return requantize_x4<kAnyLeftShift>(a, multiplier, shift);
}

template <bool kAnyLeftShift>
void add_elementwise(const reference::AddParams& p, int32_t count, const int8_t* in1,
                     const int8_t* in2, int8_t* out) {
  const int32x4_t m1 = vdupq_n_s32(p.input1_multiplier);
  const int32x4_t s1 = vdupq_n_s32(p.input1_shift);
  const int32x4_t m2 = vdupq_n_s32(p.input2_multiplier);
  const int32x4_t s2 = vdupq_n_s32(p.input2_shift);
  const int32x4_t mo = vdupq_n_s32(p.output_multiplier);
  const int32x4_t so = vdupq_n_s32(p.output_shift);
  const OutputStage stage{p.output_offset, p.act_min, p.act_max};
  for (int32_t n = count; n > 0; n -= 4) {
    const mve_pred16_t pred = vctp32q(static_cast<uint32_t>(n));
    const int32x4_t a =
        scale_input<kAnyLeftShift>(vldrbq_z_s32(in1, pred), p.input1_offset, p.left_shift, m1, s1);
    const int32x4_t b =
        scale_input<kAnyLeftShift>(vldrbq_z_s32(in2, pred), p.input2_offset, p.left_shift, m2, s2);
    const int32x4_t sum = requantize_x4<kAnyLeftShift>(vaddq_s32(a, b), mo, so);
    vstrbq_p_s32(out, clamp_output_x4(sum, stage), pred);
    in1 += 4;
    in2 += 4;
    out += 4;
  }
}

}  // namespace

void add_s8(const reference::AddParams& params, const reference::BroadcastShape& shape,
            const int8_t* input1, const int8_t* input2, int8_t* output) {
  if (!same_shape(shape)) {
    reference::add_s8(params, shape, input1, input2, output);
    return;
  }
  const auto count = static_cast<int32_t>(shape.element_count());
  if (params.input1_shift > 0 || params.input2_shift > 0 || params.output_shift > 0) {
    add_elementwise<true>(params, count, input1, input2, output);
  } else {
    add_elementwise<false>(params, count, input1, input2, output);
  }
}

}  // namespace tr::engine::helium
