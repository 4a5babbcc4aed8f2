// FULLY_CONNECTED: each input row against four weight rows at a time with VMLADAV, one vector
// requantization per four outputs. A non-zero weights zero point (per-tensor) runs the reference
// kernel.
#include <arm_mve.h>

#include "engine/kernels/helium/folded_bias.h"
#include "engine/kernels/helium/helium_kernels.h"
#include "engine/kernels/helium/mve_dot.h"
#include "engine/kernels/helium/mve_requantize.h"

namespace tr::engine::helium {
namespace {

bool sped_up(const FullyConnectedParams& p, const FullyConnectedDims& d) {
  return p.weights_offset == 0 && d.accum_depth > 0 && d.output_depth > 0;
}

// One output row: multipliers/shifts either per channel (per_channel) or one value each.
void fc_rows(const FullyConnectedParams& params, const FullyConnectedDims& dims,
             const int8_t* input, const int8_t* weights, const int32_t* folded,
             const int32_t* multipliers, const int32_t* shifts, bool per_channel, int8_t* output) {
  const OutputStage stage{params.output_offset, params.act_min, params.act_max};
  const int32_t depth = dims.accum_depth;
  const int32_t outputs = dims.output_depth;
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
      int32x4_t acc = vaddq_s32(dot_1x4(x, r0, r1, r2, r3, depth), vldrwq_z_s32(folded + oc, p));
      if (per_channel) {
        acc = mbqm_x4(acc, vldrwq_z_s32(multipliers + oc, p), vldrwq_z_s32(shifts + oc, p));
      } else {
        acc = mbqm_x4(acc, tensor_multiplier, tensor_shift);
      }
      vstrbq_p_s32(out + oc, clamp_output_x4(acc, stage), p);
    }
  }
}

}  // namespace

uint32_t fully_connected_s8_persistent_bytes(const FullyConnectedParams& params,
                                             const FullyConnectedDims& dims) {
  return sped_up(params, dims) ? static_cast<uint32_t>(dims.output_depth) * sizeof(int32_t) : 0u;
}

uint32_t fully_connected_s8_scratch_bytes(const FullyConnectedParams&, const FullyConnectedDims&) {
  return 0;
}

void fully_connected_s8_prepare(const FullyConnectedParams& params, const FullyConnectedDims& dims,
                                const int8_t* weights, const int32_t* bias, void* persistent) {
  if (!sped_up(params, dims) || persistent == nullptr) return;
  fold_bias_rows(weights, dims.output_depth, dims.accum_depth, bias, params.input_offset,
                 static_cast<int32_t*>(persistent));
}

void fully_connected_s8(const FullyConnectedParams& params, const FullyConnectedDims& dims,
                        const int8_t* input, const int8_t* weights, const int32_t* bias,
                        int8_t* output, const KernelBuffers& buffers) {
  if (!sped_up(params, dims) || buffers.persistent == nullptr) {
    reference::fully_connected_s8(params, dims, input, weights, bias, output);
    return;
  }
  fc_rows(params, dims, input, weights, static_cast<const int32_t*>(buffers.persistent), nullptr,
          nullptr, false, output);
}

// The per-channel path ignores the weights zero point; a block exists (was folded) only when
// params.weights_offset was 0, otherwise the reference kernel runs.
void fully_connected_per_channel_s8(const FullyConnectedParams& params, const int32_t* multipliers,
                                    const int32_t* shifts, const FullyConnectedDims& dims,
                                    const int8_t* input, const int8_t* weights, const int32_t* bias,
                                    int8_t* output, const KernelBuffers& buffers) {
  if (!sped_up(params, dims) || buffers.persistent == nullptr) {
    reference::fully_connected_per_channel_s8(params, multipliers, shifts, dims, input, weights,
                                              bias, output);
    return;
  }
  fc_rows(params, dims, input, weights, static_cast<const int32_t*>(buffers.persistent),
          multipliers, shifts, true, output);
}

}  // namespace tr::engine::helium
