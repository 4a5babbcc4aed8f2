// DEPTHWISE_CONV_2D with depth multiplier 1: per output pixel, sixteen channels at a time, then
// predicated groups of eight (eight-channel layers with stride_w 1: two pixels at a time). The
// int8 inputs and weights are widened to int16 on load; VMULLB/VMULLT give the int32 products of
// the even and the odd channels, so the accumulators hold channels c, c+2, c+4, c+6 and
// c+1, c+3, ...; requantization gathers the matching per-channel constants and the store
// scatters the lanes back in order. Other depth multipliers and filters with more than kMaxTaps
// taps run the reference kernel.
#include <arm_mve.h>

#include "engine/kernels/helium/folded_bias.h"
#include "engine/kernels/helium/helium_kernels.h"
#include "engine/kernels/helium/im2col.h"
#include "engine/kernels/helium/mve_requantize.h"

namespace tr::engine::helium {
namespace {

constexpr int32_t kMaxTaps = 64;

bool sped_up(const DepthwiseConvDims& d) {
  return d.depth_multiplier == 1 && d.input_c == d.output_c && d.input_c > 0 &&
         d.filter_h * d.filter_w <= kMaxTaps;
}

// True when some tap of some output pixel falls outside the image.
bool needs_padding(const ConvParams& p, const DepthwiseConvDims& d) {
  const int32_t last_y =
      (d.output_h - 1) * p.stride_h - p.pad_top + (d.filter_h - 1) * p.dilation_h;
  const int32_t last_x =
      (d.output_w - 1) * p.stride_w - p.pad_left + (d.filter_w - 1) * p.dilation_w;
  return p.pad_top > 0 || p.pad_left > 0 || last_y >= d.input_h || last_x >= d.input_w;
}

struct PixelTaps {
  const int8_t* x[kMaxTaps];
  int32_t count;
};

// True when every tap of the output pixel with top-left tap (iy0, ix0) is inside the image.
bool taps_inside(const ConvParams& p, const DepthwiseConvDims& d, int32_t iy0, int32_t ix0) {
  return iy0 >= 0 && ix0 >= 0 && iy0 + (d.filter_h - 1) * p.dilation_h < d.input_h &&
         ix0 + (d.filter_w - 1) * p.dilation_w < d.input_w;
}

// Input pointers of every tap of one output pixel; outside the image, the zero-point row.
// `offsets` holds each tap's byte offset from the top-left tap, used when all taps are inside.
void gather_taps(const ConvParams& p, const DepthwiseConvDims& d, const int8_t* image,
                 const int8_t* pad_row, const int32_t* offsets, int32_t iy0, int32_t ix0,
                 PixelTaps& taps) {
  if (taps_inside(p, d, iy0, ix0)) {
    const int8_t* first = image + (iy0 * d.input_w + ix0) * d.input_c;
    for (int32_t t = 0; t < taps.count; ++t) taps.x[t] = first + offsets[t];
    return;
  }
  int32_t t = 0;
  for (int32_t ky = 0; ky < d.filter_h; ++ky) {
    const int32_t iy = iy0 + ky * p.dilation_h;
    const bool row_in = iy >= 0 && iy < d.input_h;
    for (int32_t kx = 0; kx < d.filter_w; ++kx) {
      const int32_t ix = ix0 + kx * p.dilation_w;
      const bool in = row_in && ix >= 0 && ix < d.input_w;
      taps.x[t++] = in ? image + (iy * d.input_w + ix) * d.input_c : pad_row;
    }
  }
}

// Lane offsets of the even and the odd channels of an eight-channel group.
struct Lanes {
  uint32x4_t even = vmulq_n_u32(vidupq_n_u32(0, 1), 2u);
  uint32x4_t odd = vaddq_n_u32(vmulq_n_u32(vidupq_n_u32(0, 1), 2u), 1u);
};

// Requantizes and stores the even and odd channels of one eight-channel group.
template <bool kAnyLeftShift>
inline void store_group(int32x4_t acc_e, int32x4_t acc_o, int32_t c, const Lanes& lanes,
                        PerChannelQuant quant, OutputStage stage, int8_t* out) {
  acc_e = requantize_x4<kAnyLeftShift>(
      acc_e, vldrwq_gather_shifted_offset_s32(quant.multipliers + c, lanes.even),
      vldrwq_gather_shifted_offset_s32(quant.shifts + c, lanes.even));
  acc_o = requantize_x4<kAnyLeftShift>(
      acc_o, vldrwq_gather_shifted_offset_s32(quant.multipliers + c, lanes.odd),
      vldrwq_gather_shifted_offset_s32(quant.shifts + c, lanes.odd));
  vstrbq_scatter_offset_s32(out + c, lanes.even, clamp_output_x4(acc_e, stage));
  vstrbq_scatter_offset_s32(out + c, lanes.odd, clamp_output_x4(acc_o, stage));
}

// All channels of one output pixel: sixteen at a time, then predicated groups of eight. quant
// and stage come by value: the int8 output stores may alias anything reached through a
// reference, which would make the compiler reload them.
template <bool kAnyLeftShift>
void depthwise_pixel(const PixelTaps& taps, const int8_t* filter, int32_t channels,
                     const int32_t* folded, PerChannelQuant quant, OutputStage stage, int8_t* out) {
  const Lanes lanes;
  const int32_t full = channels & ~15;
  for (int32_t c = 0; c < full; c += 16) {
    int32x4_t a0 = vldrwq_gather_shifted_offset_s32(folded + c, lanes.even);
    int32x4_t a1 = vldrwq_gather_shifted_offset_s32(folded + c, lanes.odd);
    int32x4_t a2 = vldrwq_gather_shifted_offset_s32(folded + c + 8, lanes.even);
    int32x4_t a3 = vldrwq_gather_shifted_offset_s32(folded + c + 8, lanes.odd);
    const int8_t* w = filter + c;
    for (int32_t t = 0; t < taps.count; ++t) {
      const int8_t* x = taps.x[t] + c;
      const int16x8_t x0 = vldrbq_s16(x);
      const int16x8_t k0 = vldrbq_s16(w);
      a0 = vaddq_s32(a0, vmullbq_int_s16(x0, k0));
      a1 = vaddq_s32(a1, vmulltq_int_s16(x0, k0));
      const int16x8_t x1 = vldrbq_s16(x + 8);
      const int16x8_t k1 = vldrbq_s16(w + 8);
      a2 = vaddq_s32(a2, vmullbq_int_s16(x1, k1));
      a3 = vaddq_s32(a3, vmulltq_int_s16(x1, k1));
      w += channels;
    }
    store_group<kAnyLeftShift>(a0, a1, c, lanes, quant, stage, out);
    store_group<kAnyLeftShift>(a2, a3, c + 8, lanes, quant, stage, out);
  }
  for (int32_t c = full; c < channels; c += 8) {
    const int32_t left = channels - c;
    const mve_pred16_t p16 = vctp16q(static_cast<uint32_t>(left));
    const mve_pred16_t pe = vctp32q(static_cast<uint32_t>((left + 1) >> 1));
    const mve_pred16_t po = vctp32q(static_cast<uint32_t>(left >> 1));
    int32x4_t acc_e = vldrwq_gather_shifted_offset_z_s32(folded + c, lanes.even, pe);
    int32x4_t acc_o = vldrwq_gather_shifted_offset_z_s32(folded + c, lanes.odd, po);
    const int8_t* w = filter + c;
    for (int32_t t = 0; t < taps.count; ++t) {
      const int16x8_t x = vldrbq_z_s16(taps.x[t] + c, p16);
      const int16x8_t k = vldrbq_z_s16(w, p16);
      acc_e = vaddq_s32(acc_e, vmullbq_int_s16(x, k));
      acc_o = vaddq_s32(acc_o, vmulltq_int_s16(x, k));
      w += channels;
    }
    acc_e = requantize_x4<kAnyLeftShift>(
        acc_e, vldrwq_gather_shifted_offset_z_s32(quant.multipliers + c, lanes.even, pe),
        vldrwq_gather_shifted_offset_z_s32(quant.shifts + c, lanes.even, pe));
    acc_o = requantize_x4<kAnyLeftShift>(
        acc_o, vldrwq_gather_shifted_offset_z_s32(quant.multipliers + c, lanes.odd, po),
        vldrwq_gather_shifted_offset_z_s32(quant.shifts + c, lanes.odd, po));
    vstrbq_scatter_offset_p_s32(out + c, lanes.even, clamp_output_x4(acc_e, stage), pe);
    vstrbq_scatter_offset_p_s32(out + c, lanes.odd, clamp_output_x4(acc_o, stage), po);
  }
}

// Two horizontally adjacent output pixels of an eight-channel layer with stride_w 1: the second
// pixel's taps are the eight bytes after the first's, so one 16-byte load per tap covers both
// and each weight load serves both.
template <bool kAnyLeftShift>
void depthwise_pair8(const PixelTaps& taps, const int8_t* filter, const int32_t* folded,
                     PerChannelQuant quant, OutputStage stage, int8_t* out) {
  const Lanes lanes;
  int32x4_t a0 = vldrwq_gather_shifted_offset_s32(folded, lanes.even);
  int32x4_t a1 = vldrwq_gather_shifted_offset_s32(folded, lanes.odd);
  int32x4_t a2 = a0;
  int32x4_t a3 = a1;
  const int8_t* w = filter;
  for (int32_t t = 0; t < taps.count; ++t) {
    const int8_t* x = taps.x[t];
    const int16x8_t k = vldrbq_s16(w);
    const int16x8_t x0 = vldrbq_s16(x);
    a0 = vaddq_s32(a0, vmullbq_int_s16(x0, k));
    a1 = vaddq_s32(a1, vmulltq_int_s16(x0, k));
    const int16x8_t x1 = vldrbq_s16(x + 8);
    a2 = vaddq_s32(a2, vmullbq_int_s16(x1, k));
    a3 = vaddq_s32(a3, vmulltq_int_s16(x1, k));
    w += 8;
  }
  store_group<kAnyLeftShift>(a0, a1, 0, lanes, quant, stage, out);
  store_group<kAnyLeftShift>(a2, a3, 0, lanes, quant, stage, out + 8);
}

template <bool kAnyLeftShift>
void depthwise_all(const ConvParams& params, const PerChannelQuant& quant,
                   const DepthwiseConvDims& dims, const int8_t* input, const int8_t* filter,
                   const int32_t* folded, const int8_t* pad_row, int8_t* output) {
  const OutputStage stage{params.output_offset, params.act_min, params.act_max};
  const int32_t image_bytes = dims.input_h * dims.input_w * dims.input_c;
  const bool pairs = dims.output_c == 8 && params.stride_w == 1;
  PixelTaps taps;
  taps.count = dims.filter_h * dims.filter_w;
  int32_t offsets[kMaxTaps];
  for (int32_t ky = 0; ky < dims.filter_h; ++ky) {
    for (int32_t kx = 0; kx < dims.filter_w; ++kx) {
      offsets[ky * dims.filter_w + kx] =
          (ky * params.dilation_h * dims.input_w + kx * params.dilation_w) * dims.input_c;
    }
  }
  for (int32_t b = 0; b < dims.batches; ++b) {
    const int8_t* image = input + b * image_bytes;
    for (int32_t oy = 0; oy < dims.output_h; ++oy) {
      const int32_t iy0 = oy * params.stride_h - params.pad_top;
      for (int32_t ox = 0; ox < dims.output_w; ++ox) {
        const int32_t ix0 = ox * params.stride_w - params.pad_left;
        gather_taps(params, dims, image, pad_row, offsets, iy0, ix0, taps);
        if (pairs && ox + 1 < dims.output_w && taps_inside(params, dims, iy0, ix0) &&
            taps_inside(params, dims, iy0, ix0 + 1)) {
          depthwise_pair8<kAnyLeftShift>(taps, filter, folded, quant, stage, output);
          output += 16;
          ++ox;
          continue;
        }
        depthwise_pixel<kAnyLeftShift>(taps, filter, dims.output_c, folded, quant, stage, output);
        output += dims.output_c;
      }
    }
  }
}

}  // namespace

uint32_t depthwise_conv_2d_s8_persistent_bytes(const ConvParams&, const DepthwiseConvDims&) {
  return 0;
}

// Scratch: the folded bias (output_c int32, computed at every eval), then one row of input
// zero points for padding taps when some tap falls outside the image.
uint32_t depthwise_conv_2d_s8_scratch_bytes(const ConvParams& params,
                                            const DepthwiseConvDims& dims) {
  if (!sped_up(dims)) return 0;
  const int32_t pad_bytes = needs_padding(params, dims) ? dims.input_c : 0;
  return static_cast<uint32_t>(dims.output_c * static_cast<int32_t>(sizeof(int32_t)) + pad_bytes);
}

void depthwise_conv_2d_s8_prepare(const ConvParams&, const DepthwiseConvDims&, const int8_t*,
                                  const int32_t*, void*) {}

void depthwise_conv_2d_s8(const ConvParams& params, const PerChannelQuant& quant,
                          const DepthwiseConvDims& dims, const int8_t* input, const int8_t* filter,
                          const int32_t* bias, int8_t* output, const KernelBuffers& buffers) {
  if (!sped_up(dims) || buffers.scratch == nullptr) {
    reference::depthwise_conv_2d_s8(params, quant, dims, input, filter, bias, output);
    return;
  }
  auto* folded = static_cast<int32_t*>(buffers.scratch);
  fold_bias_columns(filter, dims.filter_h * dims.filter_w, dims.output_c, bias, params.input_offset,
                    folded);
  int8_t* pad_row = nullptr;
  if (needs_padding(params, dims)) {
    pad_row = static_cast<int8_t*>(buffers.scratch) + dims.output_c * 4;
    fill_bytes(pad_row, static_cast<int8_t>(-params.input_offset), dims.input_c);
  }
  if (any_left_shift(quant.shifts, dims.output_c)) {
    depthwise_all<true>(params, quant, dims, input, filter, folded, pad_row, output);
  } else {
    depthwise_all<false>(params, quant, dims, input, filter, folded, pad_row, output);
  }
}

}  // namespace tr::engine::helium
