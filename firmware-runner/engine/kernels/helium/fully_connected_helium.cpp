// FULLY_CONNECTED: each input row against four weight rows at a time with VMLADAV, one vector
// requantization per four outputs. No persistent memory: input_offset * sum(w) is added at eval
// from row sums taken next to the dot products (VADDVA), so the arena holds no folded biases.
// A non-zero weights zero point (per-tensor) runs the reference kernel.
#include <arm_mve.h>

#include "engine/kernels/helium/helium_kernels.h"
#include "engine/kernels/helium/mve_dot.h"
#include "engine/kernels/helium/mve_requantize.h"

namespace tr::engine::helium {
namespace {

bool sped_up(const FullyConnectedParams& p, const FullyConnectedDims& d) {
  return p.weights_offset == 0 && d.accum_depth > 0 && d.output_depth > 0;
}

// All output rows: multipliers/shifts either per channel (kPerChannel) or one value each.
template <bool kPerChannel>
void fc_rows(const FullyConnectedParams& params, const FullyConnectedDims& dims,
             const int8_t* input, const int8_t* weights, const int32_t* bias,
             const int32_t* multipliers, const int32_t* shifts, int8_t* output) {
  const OutputStage stage{params.output_offset, params.act_min, params.act_max};
  const int32_t depth = dims.accum_depth;
  const int32_t outputs = dims.output_depth;
  const int32_t input_offset = params.input_offset;
  const int32x4_t tensor_multiplier = vdupq_n_s32(params.multiplier);
  const int32x4_t tensor_shift = vdupq_n_s32(params.shift);
  for (int32_t b = 0; b < dims.batches; ++b) {
    const int8_t* x = input + b * depth;
    int8_t* out = output + b * outputs;
    for (int32_t oc = 0; oc < outputs; oc += 4) {
      const int32_t left = outputs - oc;
      const int8_t* r0 = weights + oc * depth;
      const int8_t* r1 = left > 1 ? r0 + depth : r0;
      const int8_t* r2 = left > 2 ? r1 + depth : r0;
      const int8_t* r3 = left > 3 ? r2 + depth : r0;
      const mve_pred16_t p = vctp32q(static_cast<uint32_t>(left));
      const Dots1x2 d01 = dot_1x2_with_sums(x, r0, r1, depth);
      const Dots1x2 d23 = dot_1x2_with_sums(x, r2, r3, depth);
      // bias + Σw·x + input_offset·Σw, wrapping like the int32 accumulator.
      int32x4_t acc = vmlaq_n_s32(lanes_x4(d01.dot0, d01.dot1, d23.dot0, d23.dot1),
                                  lanes_x4(d01.sum0, d01.sum1, d23.sum0, d23.sum1), input_offset);
      if (bias != nullptr) acc = vaddq_s32(acc, vldrwq_z_s32(bias + oc, p));
      if constexpr (kPerChannel) {
        acc = mbqm_x4(acc, vldrwq_z_s32(multipliers + oc, p), vldrwq_z_s32(shifts + oc, p));
      } else {
        acc = mbqm_x4(acc, tensor_multiplier, tensor_shift);
      }
      vstrbq_p_s32(out + oc, clamp_output_x4(acc, stage), p);
    }
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
  if (!sped_up(params, dims)) {
    reference::fully_connected_s8(params, dims, input, weights, bias, output);
    return;
  }
  fc_rows<false>(params, dims, input, weights, bias, nullptr, nullptr, output);
}

// The per-channel path has no weights zero point (the reference kernel ignores it too), but the
// sped-up set is the same for both paths so a per-tensor zero point still means reference.
void fully_connected_per_channel_s8(const FullyConnectedParams& params, const int32_t* multipliers,
                                    const int32_t* shifts, const FullyConnectedDims& dims,
                                    const int8_t* input, const int8_t* weights, const int32_t* bias,
                                    int8_t* output, const KernelBuffers&) {
  if (!sped_up(params, dims)) {
    reference::fully_connected_per_channel_s8(params, multipliers, shifts, dims, input, weights,
                                              bias, output);
    return;
  }
  fc_rows<true>(params, dims, input, weights, bias, multipliers, shifts, output);
}

}  // namespace tr::engine::helium
