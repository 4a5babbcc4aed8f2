// CONV_2D for four neighbouring output pixels of one row whose taps are all inside the image:
// their receptive fields start kStep = stride_w * input_c bytes apart, so one base pointer with
// immediate offsets reaches all four, which keeps the accumulators, the filter row and the loop
// in registers (the general PixelBatcher path keeps four pointers and spills). Filter rows must be
// whole 16-byte blocks (kBlocks per filter row run, i.e. filter_w * input_c = 16 * kBlocks).
#pragma once

#include <arm_mve.h>

#include <cstdint>

#include "engine/kernels/helium/mve_dot.h"
#include "engine/kernels/helium/mve_requantize.h"

namespace tr::engine::helium {

// What conv_row4 needs besides the four pixels' position.
struct Row4Layer {
  const int8_t* filter;  // OHWI, output_c rows of filter_h * 16 * kBlocks bytes
  const int32_t* folded;
  const int32_t* multipliers;
  const int32_t* shifts;
  int32_t output_c;
  int32_t filter_h;
  int32_t tap_row_bytes;  // input_w * input_c * dilation_h: from one filter row's taps to the next
  OutputStage stage;
};

// Every output channel of the pixels whose receptive fields start at `field`, field + kStep,
// field + 2 kStep, field + 3 kStep; results go to out, out + output_c, ... (consecutive pixels).
// kStep must be below 128 (the reach of an immediate VLDRB offset from two base pointers).
template <bool kAnyLeftShift, int32_t kBlocks, int32_t kStep>
void conv_row4(const Row4Layer& layer, const int8_t* field, int8_t* out) {
  static_assert(kStep > 0 && kStep < 128);
  // Long runs are unrolled in groups of four blocks: fully unrolled, GCC merges the loads the
  // four pixels share and runs out of vector registers.
  constexpr int32_t kGroup = kBlocks > 6 && kBlocks % 4 == 0 ? 4 : kBlocks;
  const int8_t* a = layer.filter;
  const int32_t output_c = layer.output_c;
  const int32_t filter_h = layer.filter_h;
  const int32_t next_row = layer.tap_row_bytes - 16 * kBlocks;
  const int32_t* folded = layer.folded;
  const int32_t* multipliers = layer.multipliers;
  const int32_t* shifts = layer.shifts;
  const int32_t offset = layer.stage.offset;
  const int32x4_t act_min = vdupq_n_s32(layer.stage.act_min);
  const int32x4_t act_max = vdupq_n_s32(layer.stage.act_max);
  const uint32x4_t lanes = vreinterpretq_u32_s32(lanes_x4(0, output_c, 2 * output_c, 3 * output_c));
  for (int32_t oc = 0; oc < output_c; ++oc) {
    // The folded bias starts every accumulator (saves a vector add per channel).
    int32_t s0 = folded[oc];
    int32_t s1 = s0;
    int32_t s2 = s0;
    int32_t s3 = s0;
    const int8_t* p = field;
    for (int32_t r = filter_h; r > 0; --r) {
      const int8_t* q = p + 2 * kStep;
#pragma GCC unroll 1
      for (int32_t g = 0; g < kBlocks / kGroup; ++g) {
#pragma GCC unroll 16
        for (int32_t n = 0; n < kGroup; ++n) {
          const int8x16_t x = vldrbq_s8(a);
          s0 = vmladavaq_s8(s0, x, vldrbq_s8(p));
          s1 = vmladavaq_s8(s1, x, vldrbq_s8(p + kStep));
          s2 = vmladavaq_s8(s2, x, vldrbq_s8(q));
          s3 = vmladavaq_s8(s3, x, vldrbq_s8(q + kStep));
          a += 16;
          p += 16;
          q += 16;
        }
      }
      p += next_row;
    }
    int32x4_t acc =
        requantize_channel<kAnyLeftShift>(lanes_x4(s0, s1, s2, s3), multipliers[oc], shifts[oc]);
    acc = vminq_s32(vmaxq_s32(vaddq_n_s32(acc, offset), act_min), act_max);
    vstrbq_scatter_offset_s32(out + oc, lanes, acc);
  }
}

using Row4Kernel = void (*)(const Row4Layer&, const int8_t*, int8_t*);

// The conv_row4 instantiation for filter row runs of `blocks` 16-byte blocks and pixels `step`
// bytes apart, or nullptr: 3x3 filters over 16, 32 or 64 channels and 1x1 filters over 16 or 32
// channels, stride 1 or 2 (the MLPerf Tiny shapes). 1x1 over 64 channels is left to the
// PixelBatcher path, which measured faster there (KWS).
template <bool kAnyLeftShift>
Row4Kernel row4_kernel(int32_t blocks, int32_t step) {
  if (blocks == 3 && step == 16) return conv_row4<kAnyLeftShift, 3, 16>;
  if (blocks == 3 && step == 32) return conv_row4<kAnyLeftShift, 3, 32>;
  if (blocks == 6 && step == 32) return conv_row4<kAnyLeftShift, 6, 32>;
  if (blocks == 6 && step == 64) return conv_row4<kAnyLeftShift, 6, 64>;
  if (blocks == 12 && step == 64) return conv_row4<kAnyLeftShift, 12, 64>;
  if (blocks == 1 && step == 16) return conv_row4<kAnyLeftShift, 1, 16>;
  if (blocks == 1 && step == 32) return conv_row4<kAnyLeftShift, 1, 32>;
  if (blocks == 2 && step == 32) return conv_row4<kAnyLeftShift, 2, 32>;
  if (blocks == 2 && step == 64) return conv_row4<kAnyLeftShift, 2, 64>;
  return nullptr;
}

}  // namespace tr::engine::helium
