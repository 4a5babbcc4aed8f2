#include "engine/kernels/helium/conv_runs.h"

#include "engine/kernels/helium/conv_layout.h"
#include "engine/kernels/helium/conv_pixels.h"
#include "engine/kernels/helium/conv_row4.h"
#include "engine/kernels/helium/im2col.h"

namespace tr::engine::helium {
namespace {

using reference::ConvParams;

template <bool kAnyLeftShift>
void conv_runs_of(const ConvParams& params, const PerChannelQuant& quant, const ConvDims& dims,
                  const int8_t* input, const int8_t* filter, const int32_t* folded, int8_t* scratch,
                  int8_t* output) {
  const OutputStage stage{params.output_offset, params.act_min, params.act_max};
  const int32_t depth = filter_depth(dims);
  const int32_t run_bytes = dims.filter_w * dims.input_c;
  const int32_t tap_row_bytes = dims.input_w * dims.input_c * params.dilation_h;
  const ColumnWalk image_walk{depth, dims.filter_h, run_bytes / 16, tap_row_bytes - run_bytes};
  const ColumnWalk column_walk{depth, dims.filter_h, run_bytes / 16, 0};
  PixelBatcher<kAnyLeftShift, true> inside(4, dims, image_walk, filter, folded, quant, stage);
  PixelBatcher<kAnyLeftShift, true> border(kBorderColumns, dims, column_walk, filter, folded, quant,
                                           stage);
  const int32_t step = params.stride_w * dims.input_c;
  const Row4Kernel row4 = row4_kernel<kAnyLeftShift>(run_bytes / 16, step);
  const Row4Layer layer{filter,        folded,        quant.multipliers, quant.shifts,
                        dims.output_c, dims.filter_h, tap_row_bytes,     stage};
  const int32_t image_bytes = dims.input_h * dims.input_w * dims.input_c;
  for (int32_t b = 0; b < dims.batches; ++b) {
    const int8_t* image = input + b * image_bytes;
    for (int32_t oy = 0; oy < dims.output_h; ++oy) {
      const int32_t iy0 = oy * params.stride_h - params.pad_top;
      for (int32_t ox = 0; ox < dims.output_w;) {
        const int32_t ix0 = ox * params.stride_w - params.pad_left;
        const int8_t* field = image + (iy0 * dims.input_w + ix0) * dims.input_c;
        // Inside pixels form one run per row: the first and the fourth being inside is enough.
        if (row4 != nullptr && ox + 3 < dims.output_w && pixel_inside(params, dims, iy0, ix0) &&
            pixel_inside(params, dims, iy0, ix0 + 3 * params.stride_w)) {
          row4(layer, field, output);
          output += 4 * dims.output_c;
          ox += 4;
          continue;
        }
        if (pixel_inside(params, dims, iy0, ix0)) {
          inside.add(field, output);
        } else {
          int8_t* column = scratch + border.next_slot() * depth;
          im2col(params, dims, image, iy0, ix0, column);
          border.add(column, output);
        }
        output += dims.output_c;
        ++ox;
      }
    }
  }
  inside.flush();
  border.flush();
}

}  // namespace

void conv_runs(bool any_left_shift, const ConvParams& params, const PerChannelQuant& quant,
               const ConvDims& dims, const int8_t* input, const int8_t* filter,
               const int32_t* folded, int8_t* scratch, int8_t* output) {
  if (any_left_shift) {
    conv_runs_of<true>(params, quant, dims, input, filter, folded, scratch, output);
  } else {
    conv_runs_of<false>(params, quant, dims, input, filter, folded, scratch, output);
  }
}

}  // namespace tr::engine::helium
