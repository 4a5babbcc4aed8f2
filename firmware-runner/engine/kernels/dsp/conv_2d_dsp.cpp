// CONV_2D: im2col of two output pixels at a time into widened int16 columns (im2col_dsp.h),
// then every output channel against both (mat_mult_dsp.h). Grouped convolutions, very deep
// filters and unsupported requantizations go to the reference kernel.
#include <cstring>

#include "engine/kernels/dsp/dsp_intrinsics.h"
#include "engine/kernels/dsp/dsp_kernels.h"
#include "engine/kernels/dsp/im2col_dsp.h"
#include "engine/kernels/dsp/mat_mult_dsp.h"
#include "engine/kernels/dsp/pointwise_conv_dsp.h"
#include "engine/kernels/dsp/requantize_dsp.h"

namespace tr::engine::dsp {
namespace {

// Deepest filter window handled (column pair scratch of 16 KiB); deeper ones are rare and
// go to the reference kernel rather than ask the arena for a large block.
constexpr int32_t kMaxDepth = 4096;

int32_t depth_of(const ConvDims& d) {
  return d.filter_h * d.filter_w * d.filter_c;
}

bool handled(const ConvDims& d) {
  return d.filter_c == d.input_c && d.filter_h > 0 && d.filter_w > 0 && d.filter_c > 0 &&
         d.output_c > 0 && depth_of(d) <= kMaxDepth;
}

}  // namespace

uint32_t conv_2d_s8_persistent_bytes(const ConvParams&, const ConvDims&) {
  return 0;
}

uint32_t conv_2d_s8_scratch_bytes(const ConvParams& params, const ConvDims& dims) {
  if (!handled(dims)) return 0;
  return pointwise_handled(params, dims) ? pointwise_scratch_bytes(dims)
                                         : column_pair_bytes(depth_of(dims));
}

void conv_2d_s8_prepare(const ConvParams&, const ConvDims&, const int8_t*, const int32_t*, void*) {}

void conv_2d_s8(const ConvParams& params, const PerChannelQuant& quant, const ConvDims& dims,
                const int8_t* input, const int8_t* filter, const int32_t* bias, int8_t* output,
                const KernelBuffers& buffers) {
  if (!handled(dims) || buffers.scratch == nullptr ||
      !requant_supported(quant.multipliers, quant.shifts, dims.output_c)) {
    reference::conv_2d_s8(params, quant, dims, input, filter, bias, output);
    return;
  }
  if (pointwise_handled(params, dims)) {
    pointwise_conv(params, quant, dims, input, filter, bias, output, buffers.scratch);
    return;
  }
  const int32_t depth = depth_of(dims);
  auto* cols = static_cast<uint32_t*>(buffers.scratch);
  std::memset(cols, 0, column_pair_bytes(depth));  // the tail past depth stays 0
  MatMultOutput o;
  o.multipliers = quant.multipliers;
  o.shifts = quant.shifts;
  o.bias = bias;
  o.stage = OutputStage{params.output_offset, params.act_min, params.act_max};
  const int32_t pixels = dims.output_h * dims.output_w;
  const bool pointwise =
      dims.filter_h == 1 && dims.filter_w == 1 && params.pad_top == 0 && params.pad_left == 0;
  const uint32_t offset2 = dup16(params.input_offset);
  const int32_t image_size = dims.input_h * dims.input_w * dims.input_c;
  for (int32_t b = 0; b < dims.batches; ++b) {
    const int8_t* image = input + b * image_size;
    int8_t* out = output + b * pixels * dims.output_c;
    // Pairs of pixels in row-major order; an odd last pixel uses column 0 alone.
    for (int32_t p = 0; p < pixels; p += 2) {
      const bool pair = p + 1 < pixels;
      if (pointwise) {
        // A 1x1 filter never pads (§5): the column is the input pixel itself.
        const int32_t y = p / dims.output_w;
        const int32_t x = p % dims.output_w;
        widen_run(image + (y * params.stride_h * dims.input_w + x * params.stride_w) * depth, depth,
                  0, 0, offset2, cols);
        if (pair) {
          const int32_t y1 = (p + 1) / dims.output_w;
          const int32_t x1 = (p + 1) % dims.output_w;
          widen_run(image + (y1 * params.stride_h * dims.input_w + x1 * params.stride_w) * depth,
                    depth, 0, 1, offset2, cols);
        }
      } else {
        conv_column(params, dims, image, p / dims.output_w, p % dims.output_w, 0, cols);
        if (pair) {
          conv_column(params, dims, image, (p + 1) / dims.output_w, (p + 1) % dims.output_w, 1,
                      cols);
        }
      }
      int8_t* out0 = out + p * dims.output_c;
      mat_mult_2cols(filter, dims.output_c, depth, cols, o, out0,
                     pair ? out0 + dims.output_c : nullptr);
    }
  }
}

}  // namespace tr::engine::dsp
