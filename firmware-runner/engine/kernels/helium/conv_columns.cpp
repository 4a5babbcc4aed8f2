#include "engine/kernels/helium/conv_columns.h"

#include "engine/kernels/helium/conv_layout.h"
#include "engine/kernels/helium/conv_pixels.h"
#include "engine/kernels/helium/conv_row4.h"
#include "engine/kernels/helium/im2col.h"

namespace tr::engine::helium {
namespace {

using reference::ConvParams;

// ReadMode::in_place (scratch is nullptr; the pixel is the column; four neighbours of a row go
// through conv_row4 where an instantiation fits) or ReadMode::im2col (four columns in scratch,
// reused in turn).
template <bool kAnyLeftShift>
void conv_columns_of(const ConvParams& params, const PerChannelQuant& quant, const ConvDims& dims,
                     const int8_t* input, const int8_t* filter, const int32_t* folded,
                     int8_t* scratch, int8_t* output) {
  const OutputStage stage{params.output_offset, params.act_min, params.act_max};
  const int32_t depth = filter_depth(dims);
  const ColumnWalk walk{depth, 1, depth / 16, 0};
  PixelBatcher<kAnyLeftShift, false> batch(4, dims, walk, filter, folded, quant, stage);
  const Row4Kernel row4 =
      scratch == nullptr ? row4_kernel<kAnyLeftShift>(depth / 16, params.stride_w * dims.input_c)
                         : nullptr;
  const Row4Layer layer{filter, folded, quant.multipliers, quant.shifts, dims.output_c, 1,
                        depth,  stage};
  const int32_t image_bytes = dims.input_h * dims.input_w * dims.input_c;
  for (int32_t b = 0; b < dims.batches; ++b) {
    const int8_t* image = input + b * image_bytes;
    for (int32_t oy = 0; oy < dims.output_h; ++oy) {
      const int32_t iy0 = oy * params.stride_h - params.pad_top;
      for (int32_t ox = 0; ox < dims.output_w; ++ox) {
        const int32_t ix0 = ox * params.stride_w - params.pad_left;
        if (row4 != nullptr && ox + 3 < dims.output_w) {
          row4(layer, image + (iy0 * dims.input_w + ix0) * dims.input_c, output);
          output += 4 * dims.output_c;
          ox += 3;
          continue;
        }
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

}  // namespace

void conv_columns(bool any_left_shift, const ConvParams& params, const PerChannelQuant& quant,
                  const ConvDims& dims, const int8_t* input, const int8_t* filter,
                  const int32_t* folded, int8_t* scratch, int8_t* output) {
  if (any_left_shift) {
    conv_columns_of<true>(params, quant, dims, input, filter, folded, scratch, output);
  } else {
    conv_columns_of<false>(params, quant, dims, input, filter, folded, scratch, output);
  }
}

}  // namespace tr::engine::helium
