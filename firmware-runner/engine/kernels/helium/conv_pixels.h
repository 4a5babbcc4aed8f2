// The channel loop of CONV_2D for up to four output pixels at once, whatever their receptive
// fields' addresses: each filter row meets the four fields with VMLADAV, one requantization
// serves the four lanes of a channel, and a scatter store puts each lane at its pixel's output.
// PixelBatcher queues pixels one by one and runs them in groups.
#pragma once

#include <arm_mve.h>

#include <cstdint>

#include "engine/kernels/helium/mve_dot.h"
#include "engine/kernels/helium/mve_requantize.h"
#include "engine/kernels/reference/conv_2d_s8.h"

namespace tr::engine::helium {

using reference::ConvDims;
using reference::PerChannelQuant;

// How a receptive field is laid out in memory: `segments` runs of 16 * `blocks` bytes, `skip`
// bytes apart (kRuns), or one contiguous run of `depth` bytes.
struct ColumnWalk {
  int32_t depth;
  int32_t segments;
  int32_t blocks;
  int32_t skip;
};

// Every output channel of four pixels: each filter row against the four receptive fields
// (`columns`) with VMLADAV, one requantization per channel for the four lanes, and a scatter
// store at the four pixels' outputs (`out` + `offsets`). With kPartial only the first `pixels`
// lanes are stored (the unused columns repeat column 0). Everything the loop reads is copied to
// locals first: the int8 output stores may alias anything, so the compiler would reload it.
template <bool kAnyLeftShift, bool kRuns, bool kTail, bool kPartial>
void conv_pixels(const int8_t* const columns[4], int32_t pixels, const ColumnWalk& walk,
                 const int8_t* filter, int32_t output_c, const int32_t* folded,
                 const PerChannelQuant& quant, const OutputStage& stage, int8_t* out,
                 uint32x4_t offsets) {
  const mve_pred16_t p = vctp32q(static_cast<uint32_t>(pixels));
  const int8_t* c0 = columns[0];
  const int8_t* c1 = columns[1];
  const int8_t* c2 = columns[2];
  const int8_t* c3 = columns[3];
  const int32_t depth = walk.depth;
  const int32_t segments = walk.segments;
  const int32_t blocks = walk.blocks;
  const int32_t skip = walk.skip;
  const int32_t* multipliers = quant.multipliers;
  const int32_t* shifts = quant.shifts;
  const int32_t offset = stage.offset;
  const int32x4_t act_min = vdupq_n_s32(stage.act_min);
  const int32x4_t act_max = vdupq_n_s32(stage.act_max);
  const int8_t* row = filter;
  for (int32_t oc = 0; oc < output_c; ++oc) {
    int32x4_t acc;
    if constexpr (kRuns) {
      // Filter rows of 16, 32 and 64 channels x 3 taps (3x3 convolutions) get unrolled runs.
      if (blocks == 3) {
        acc = dot_1x4_runs_of<3>(row, c0, c1, c2, c3, segments, skip);
      } else if (blocks == 6) {
        acc = dot_1x4_runs_of<6>(row, c0, c1, c2, c3, segments, skip);
      } else if (blocks == 12) {
        acc = dot_1x4_runs_of<12>(row, c0, c1, c2, c3, segments, skip);
      } else {
        acc = dot_1x4_runs(row, c0, c1, c2, c3, segments, blocks, skip);
      }
    } else if constexpr (kTail) {
      acc = dot_1x4_padded(row, c0, c1, c2, c3, depth);
    } else {
      acc = dot_1x4_runs(row, c0, c1, c2, c3, 1, blocks, 0);
    }
    row += depth;
    acc = vaddq_n_s32(acc, folded[oc]);
    acc = requantize_channel<kAnyLeftShift>(acc, multipliers[oc], shifts[oc]);
    acc = vminq_s32(vmaxq_s32(vaddq_n_s32(acc, offset), act_min), act_max);
    if constexpr (kPartial) {
      vstrbq_scatter_offset_p_s32(out + oc, offsets, acc, p);
    } else {
      vstrbq_scatter_offset_s32(out + oc, offsets, acc);
    }
  }
}

// conv_pixels for a walk known at run time to have (or not) a partial last block.
template <bool kAnyLeftShift, bool kRuns, bool kPartial>
void conv_pixels(const int8_t* const columns[4], int32_t pixels, const ColumnWalk& walk,
                 const int8_t* filter, int32_t output_c, const int32_t* folded,
                 const PerChannelQuant& quant, const OutputStage& stage, int8_t* out,
                 uint32x4_t offsets) {
  if (!kRuns && (walk.depth & 15) != 0) {
    conv_pixels<kAnyLeftShift, kRuns, true, kPartial>(columns, pixels, walk, filter, output_c,
                                                      folded, quant, stage, out, offsets);
  } else {
    conv_pixels<kAnyLeftShift, kRuns, false, kPartial>(columns, pixels, walk, filter, output_c,
                                                       folded, quant, stage, out, offsets);
  }
}

// Queues output pixels (in raster order) and runs them `capacity` (4 or 2) at a time; each
// pixel keeps its own output position, so two batchers can share one output.
template <bool kAnyLeftShift, bool kRuns>
class PixelBatcher {
 public:
  PixelBatcher(int32_t capacity, const ConvDims& dims, const ColumnWalk& walk, const int8_t* filter,
               const int32_t* folded, const PerChannelQuant& quant, const OutputStage& stage)
      : capacity_(capacity),
        dims_(dims),
        walk_(walk),
        filter_(filter),
        folded_(folded),
        quant_(quant),
        stage_(stage) {}

  // The slot the next pixel takes (im2col batchers write its column there first).
  int32_t next_slot() const { return pending_; }

  // Queues an output pixel whose receptive field starts at `column`.
  void add(const int8_t* column, int8_t* out) {
    columns_[pending_] = column;
    outs_[pending_] = out;
    if (++pending_ == capacity_) flush();
  }

  // Runs the queued pixels.
  void flush() {
    if (pending_ == 0) return;
    for (int32_t i = pending_; i < 4; ++i) {
      columns_[i] = columns_[0];
      outs_[i] = outs_[0];
    }
    const uint32x4_t offsets = vreinterpretq_u32_s32(lanes_x4(
        0, static_cast<int32_t>(outs_[1] - outs_[0]), static_cast<int32_t>(outs_[2] - outs_[0]),
        static_cast<int32_t>(outs_[3] - outs_[0])));
    if (pending_ == 4) {
      conv_pixels<kAnyLeftShift, kRuns, false>(columns_, 4, walk_, filter_, dims_.output_c, folded_,
                                               quant_, stage_, outs_[0], offsets);
    } else {
      conv_pixels<kAnyLeftShift, kRuns, true>(columns_, pending_, walk_, filter_, dims_.output_c,
                                              folded_, quant_, stage_, outs_[0], offsets);
    }
    pending_ = 0;
  }

 private:
  int32_t capacity_;
  const ConvDims& dims_;
  const ColumnWalk& walk_;
  const int8_t* filter_;
  const int32_t* folded_;
  const PerChannelQuant& quant_;
  const OutputStage& stage_;
  const int8_t* columns_[4] = {};
  int8_t* outs_[4] = {};
  int32_t pending_ = 0;
};

}  // namespace tr::engine::helium
