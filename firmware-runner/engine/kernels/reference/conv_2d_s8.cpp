#include "engine/kernels/reference/conv_2d_s8.h"

#include "engine/quantization.h"

namespace tr::engine::reference {
namespace {

// Σ over the in-bounds taps of one output pixel and channel. Out-of-bounds taps are skipped,
// which equals padding with the input zero point (§5).
int32_t accumulate(const ConvParams& p, const ConvDims& d, const int8_t* image, const int8_t* w,
                   int32_t iy0, int32_t ix0, int32_t first_channel) {
  int32_t acc = 0;
  for (int32_t ky = 0; ky < d.filter_h; ++ky) {
    const int32_t iy = iy0 + ky * p.dilation_h;
    if (iy < 0 || iy >= d.input_h) continue;
    for (int32_t kx = 0; kx < d.filter_w; ++kx) {
      const int32_t ix = ix0 + kx * p.dilation_w;
      if (ix < 0 || ix >= d.input_w) continue;
      const int8_t* x = image + (iy * d.input_w + ix) * d.input_c + first_channel;
      const int8_t* wk = w + (ky * d.filter_w + kx) * d.filter_c;
      for (int32_t c = 0; c < d.filter_c; ++c) {
        acc += static_cast<int32_t>(wk[c]) * (static_cast<int32_t>(x[c]) + p.input_offset);
      }
    }
  }
  return acc;
}

}  // namespace

void conv_2d_s8(const ConvParams& params, const PerChannelQuant& quant, const ConvDims& dims,
                const int8_t* input, const int8_t* filter, const int32_t* bias, int8_t* output) {
  const int32_t groups = dims.input_c / dims.filter_c;
  const int32_t filters_per_group = dims.output_c / groups;
  const int32_t filter_size = dims.filter_h * dims.filter_w * dims.filter_c;
  for (int32_t b = 0; b < dims.batches; ++b) {
    const int8_t* image = input + b * dims.input_h * dims.input_w * dims.input_c;
    for (int32_t oy = 0; oy < dims.output_h; ++oy) {
      const int32_t iy0 = oy * params.stride_h - params.pad_top;
      for (int32_t ox = 0; ox < dims.output_w; ++ox) {
        const int32_t ix0 = ox * params.stride_w - params.pad_left;
        for (int32_t oc = 0; oc < dims.output_c; ++oc) {
          const int32_t first_channel = (oc / filters_per_group) * dims.filter_c;
          int32_t acc =
              accumulate(params, dims, image, filter + oc * filter_size, iy0, ix0, first_channel);
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

}  // namespace tr::engine::reference
