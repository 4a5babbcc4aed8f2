#include "engine/kernels/reference/depthwise_conv_2d_s8.h"

#include "engine/quantization.h"

namespace tr::engine::reference {
namespace {

// Σ over the in-bounds taps for output channel oc (reading input channel ic); skipped taps
// equal padding with the input zero point (§5).
int32_t accumulate(const ConvParams& p, const DepthwiseConvDims& d, const int8_t* image,
                   const int8_t* filter, int32_t iy0, int32_t ix0, int32_t ic, int32_t oc) {
  int32_t acc = 0;
  for (int32_t ky = 0; ky < d.filter_h; ++ky) {
    const int32_t iy = iy0 + ky * p.dilation_h;
    if (iy < 0 || iy >= d.input_h) continue;
    for (int32_t kx = 0; kx < d.filter_w; ++kx) {
      const int32_t ix = ix0 + kx * p.dilation_w;
      if (ix < 0 || ix >= d.input_w) continue;
      const int32_t x = image[(iy * d.input_w + ix) * d.input_c + ic];
      const int32_t w = filter[(ky * d.filter_w + kx) * d.output_c + oc];
      acc += w * (x + p.input_offset);
    }
  }
  return acc;
}

}  // namespace

void depthwise_conv_2d_s8(const ConvParams& params, const PerChannelQuant& quant,
                          const DepthwiseConvDims& dims, const int8_t* input, const int8_t* filter,
                          const int32_t* bias, int8_t* output) {
  for (int32_t b = 0; b < dims.batches; ++b) {
    const int8_t* image = input + b * dims.input_h * dims.input_w * dims.input_c;
    for (int32_t oy = 0; oy < dims.output_h; ++oy) {
      const int32_t iy0 = oy * params.stride_h - params.pad_top;
      for (int32_t ox = 0; ox < dims.output_w; ++ox) {
        const int32_t ix0 = ox * params.stride_w - params.pad_left;
        for (int32_t ic = 0; ic < dims.input_c; ++ic) {
          for (int32_t m = 0; m < dims.depth_multiplier; ++m) {
            const int32_t oc = ic * dims.depth_multiplier + m;
            int32_t acc = accumulate(params, dims, image, filter, iy0, ix0, ic, oc);
            if (bias != nullptr) acc = wrapping_add(acc, bias[oc]);
            int32_t y = mbqm(acc, quant.multipliers[oc], quant.shifts[oc]) + params.output_offset;
            if (y < params.act_min) y = params.act_min;
            if (y > params.act_max) y = params.act_max;
            *output++ = static_cast<int8_t>(y);
          }
        }
      }
    }
  }
}

}  // namespace tr::engine::reference
