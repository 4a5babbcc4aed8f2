// CONV_2D: four output pixels at a time; their receptive fields meet each filter row in VMLADAV,
// so one requantization serves four outputs of a channel. The fields are read in place (1x1
// filters; filter rows of whole 16-byte blocks for pixels away from the border) or from im2col
// columns in scratch (at most 4 * depth + 15 bytes; TFLM's CMSIS-NN takes 4 * depth).
// Grouped convolution runs the reference kernel.
#include <arm_mve.h>

#include "engine/kernels/helium/folded_bias.h"
#include "engine/kernels/helium/helium_kernels.h"
#include "engine/kernels/helium/im2col.h"
#include "engine/kernels/helium/mve_dot.h"
#include "engine/kernels/helium/mve_requantize.h"

namespace tr::engine::helium {
namespace {

bool sped_up(const ConvDims& d) {
  return d.filter_c == d.input_c && d.filter_c > 0 && d.output_c > 0;
}

int32_t filter_depth(const ConvDims& d) {
  return d.filter_h * d.filter_w * d.filter_c;
}

// im2col scratch: four columns `depth` bytes apart, plus room for the last one to be read up to
// the next 16-byte boundary (dot_1x4_padded reads each column that far; the bytes past a
// column meet zeros of the filter row).
int32_t im2col_scratch_bytes(const ConvDims& d) {
  const int32_t depth = filter_depth(d);
  return 3 * depth + ((depth + 15) & ~15);
}

// im2col columns for the border pixels of ReadMode::runs: two keep the scratch at half of
// TFLM's (the arena peak of a model can sit on such a layer).
constexpr int32_t kBorderColumns = 2;

enum class ReadMode {
  in_place,  // an in-bounds 1x1 filter over 16k channels: each pixel's channels are the column
  runs,      // filter rows are whole 16-byte blocks: inside pixels read in place
  im2col,    // everything else: four im2col columns in scratch
};

ReadMode read_mode(const ConvParams& p, const ConvDims& d) {
  if (d.filter_h == 1 && d.filter_w == 1 && d.input_c % 16 == 0 && p.pad_top == 0 &&
      p.pad_left == 0 && (d.output_h - 1) * p.stride_h < d.input_h &&
      (d.output_w - 1) * p.stride_w < d.input_w) {
    return ReadMode::in_place;
  }
  if (p.dilation_w == 1 && (d.filter_w * d.input_c) % 16 == 0) return ReadMode::runs;
  return ReadMode::im2col;
}

// MBQM of four lanes sharing one channel's multiplier and shift (see mve_requantize.h).
template <bool kAnyLeftShift>
inline int32x4_t requantize_channel(int32x4_t acc, int32_t multiplier, int32_t shift) {
  if constexpr (kAnyLeftShift) {
    if (shift > 0) return vqrdmulhq_n_s32(vshlq_r_s32(acc, shift), multiplier);
  }
  const int32x4_t neg_right = vdupq_n_s32(shift);
  int32x4_t v = vqrdmulhq_n_s32(acc, multiplier);
  v = vqaddq_s32(v, vshrq_n_s32(vandq_s32(v, neg_right), 31));
  return vrshlq_n_s32(v, shift);
}

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

bool pixel_inside(const ConvParams& p, const ConvDims& d, int32_t iy0, int32_t ix0) {
  return iy0 >= 0 && ix0 >= 0 && iy0 + (d.filter_h - 1) * p.dilation_h < d.input_h &&
         ix0 + (d.filter_w - 1) * p.dilation_w < d.input_w;
}

// ReadMode::in_place (scratch is nullptr; the pixel is the column) or ReadMode::im2col (four
// columns in scratch, reused in turn).
template <bool kAnyLeftShift>
void conv_columns(const ConvParams& params, const PerChannelQuant& quant, const ConvDims& dims,
                  const int8_t* input, const int8_t* filter, const int32_t* folded, int8_t* scratch,
                  int8_t* output) {
  const OutputStage stage{params.output_offset, params.act_min, params.act_max};
  const int32_t depth = filter_depth(dims);
  const ColumnWalk walk{depth, 1, depth / 16, 0};
  PixelBatcher<kAnyLeftShift, false> batch(4, dims, walk, filter, folded, quant, stage);
  const int32_t image_bytes = dims.input_h * dims.input_w * dims.input_c;
  for (int32_t b = 0; b < dims.batches; ++b) {
    const int8_t* image = input + b * image_bytes;
    for (int32_t oy = 0; oy < dims.output_h; ++oy) {
      const int32_t iy0 = oy * params.stride_h - params.pad_top;
      for (int32_t ox = 0; ox < dims.output_w; ++ox) {
        const int32_t ix0 = ox * params.stride_w - params.pad_left;
        if (scratch == nullptr) {
          batch.add(image + (iy0 * dims.input_w + ix0) * dims.input_c, output);
        } else {
          int8_t* column = scratch + batch.next_slot() * depth;
          im2col(params, dims, image, iy0, ix0, column);
          batch.add(column, output);
        }
        output += dims.output_c;
      }
    }
  }
  batch.flush();
}

// Filter rows of 16-byte multiples read in place for pixels whose taps are all inside the
// image; border pixels kBorderColumns at a time from im2col columns in scratch.
template <bool kAnyLeftShift>
void conv_runs(const ConvParams& params, const PerChannelQuant& quant, const ConvDims& dims,
               const int8_t* input, const int8_t* filter, const int32_t* folded, int8_t* scratch,
               int8_t* output) {
  const OutputStage stage{params.output_offset, params.act_min, params.act_max};
  const int32_t depth = filter_depth(dims);
  const int32_t run_bytes = dims.filter_w * dims.input_c;
  const ColumnWalk image_walk{depth, dims.filter_h, run_bytes / 16,
                              dims.input_w * dims.input_c * params.dilation_h - run_bytes};
  const ColumnWalk column_walk{depth, dims.filter_h, run_bytes / 16, 0};
  PixelBatcher<kAnyLeftShift, true> inside(4, dims, image_walk, filter, folded, quant, stage);
  PixelBatcher<kAnyLeftShift, true> border(kBorderColumns, dims, column_walk, filter, folded, quant,
                                           stage);
  const int32_t image_bytes = dims.input_h * dims.input_w * dims.input_c;
  for (int32_t b = 0; b < dims.batches; ++b) {
    const int8_t* image = input + b * image_bytes;
    for (int32_t oy = 0; oy < dims.output_h; ++oy) {
      const int32_t iy0 = oy * params.stride_h - params.pad_top;
      for (int32_t ox = 0; ox < dims.output_w; ++ox) {
        const int32_t ix0 = ox * params.stride_w - params.pad_left;
        if (pixel_inside(params, dims, iy0, ix0)) {
          inside.add(image + (iy0 * dims.input_w + ix0) * dims.input_c, output);
        } else {
          int8_t* column = scratch + border.next_slot() * depth;
          im2col(params, dims, image, iy0, ix0, column);
          border.add(column, output);
        }
        output += dims.output_c;
      }
    }
  }
  inside.flush();
  border.flush();
}

}  // namespace

uint32_t conv_2d_s8_persistent_bytes(const ConvParams&, const ConvDims& dims) {
  return sped_up(dims) ? static_cast<uint32_t>(dims.output_c) * sizeof(int32_t) : 0u;
}

uint32_t conv_2d_s8_scratch_bytes(const ConvParams& params, const ConvDims& dims) {
  if (!sped_up(dims)) return 0;
  const auto depth = static_cast<uint32_t>(filter_depth(dims));
  switch (read_mode(params, dims)) {
    case ReadMode::in_place:
      return 0;
    case ReadMode::runs:
      return static_cast<uint32_t>(kBorderColumns) * depth;
    case ReadMode::im2col:
      break;
  }
  return static_cast<uint32_t>(im2col_scratch_bytes(dims));
}

void conv_2d_s8_prepare(const ConvParams& params, const ConvDims& dims, const int8_t* filter,
                        const int32_t* bias, void* persistent) {
  if (!sped_up(dims) || persistent == nullptr) return;
  fold_bias_rows(filter, dims.output_c, filter_depth(dims), bias, params.input_offset,
                 static_cast<int32_t*>(persistent));
}

void conv_2d_s8(const ConvParams& params, const PerChannelQuant& quant, const ConvDims& dims,
                const int8_t* input, const int8_t* filter, const int32_t* bias, int8_t* output,
                const KernelBuffers& buffers) {
  const ReadMode mode = read_mode(params, dims);
  if (!sped_up(dims) || buffers.persistent == nullptr ||
      (mode != ReadMode::in_place && buffers.scratch == nullptr)) {
    reference::conv_2d_s8(params, quant, dims, input, filter, bias, output);
    return;
  }
  const auto* folded = static_cast<const int32_t*>(buffers.persistent);
  auto* scratch = mode == ReadMode::in_place ? nullptr : static_cast<int8_t*>(buffers.scratch);
  const bool left = any_left_shift(quant.shifts, dims.output_c);
  if (mode == ReadMode::runs) {
    if (left) {
      conv_runs<true>(params, quant, dims, input, filter, folded, scratch, output);
    } else {
      conv_runs<false>(params, quant, dims, input, filter, folded, scratch, output);
    }
  } else if (left) {
    conv_columns<true>(params, quant, dims, input, filter, folded, scratch, output);
  } else {
    conv_columns<false>(params, quant, dims, input, filter, folded, scratch, output);
  }
}

}  // namespace tr::engine::helium
