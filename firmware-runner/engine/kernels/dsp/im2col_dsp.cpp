#include "engine/kernels/dsp/im2col_dsp.h"

#include "engine/kernels/dsp/dsp_intrinsics.h"

namespace tr::engine::dsp {
namespace {

// Halfword (k & 1, (k >> 1) & 1) of group k / 4 of column c (see the layout in the header).
void put(uint32_t* cols, int32_t k, int32_t c, int32_t value) {
  const int32_t word = 4 * (k >> 2) + 2 * c + (k & 1);
  const auto v = static_cast<uint16_t>(static_cast<uint32_t>(value) & 0xFFFFu);
  __builtin_memcpy(reinterpret_cast<uint8_t*>(cols + word) + 2 * ((k >> 1) & 1), &v, sizeof v);
}

}  // namespace

void widen_run(const int8_t* src, int32_t n, int32_t k0, int32_t c, uint32_t offset2,
               uint32_t* cols) {
  const auto offset = static_cast<int16_t>(offset2 & 0xFFFFu);
  int32_t k = k0;
  const int32_t end = k0 + n;
  for (; k < end && (k & 3) != 0; ++k) put(cols, k, c, *src++ + offset);
  uint32_t* out = cols + 4 * (k >> 2) + 2 * c;
  for (; k + 8 <= end; k += 8) {
    const uint32_t x0 = load_u32(src);
    const uint32_t x1 = load_u32(src + 4);
    src += 8;
    out[0] = sxtab16(offset2, x0);
    out[1] = sxtab16_ror8(offset2, x0);
    out[4] = sxtab16(offset2, x1);
    out[5] = sxtab16_ror8(offset2, x1);
    out += 8;
  }
  if (k + 4 <= end) {
    const uint32_t x = load_u32(src);
    src += 4;
    out[0] = sxtab16(offset2, x);
    out[1] = sxtab16_ror8(offset2, x);
    k += 4;
  }
  for (; k < end; ++k) put(cols, k, c, *src++ + offset);
}

void zero_run(int32_t n, int32_t k0, int32_t c, uint32_t* cols) {
  int32_t k = k0;
  const int32_t end = k0 + n;
  for (; k < end && (k & 3) != 0; ++k) put(cols, k, c, 0);
  uint32_t* out = cols + 4 * (k >> 2) + 2 * c;
  for (; k + 4 <= end; k += 4) {
    out[0] = 0;
    out[1] = 0;
    out += 4;
  }
  for (; k < end; ++k) put(cols, k, c, 0);
}

void conv_column(const reference::ConvParams& params, const reference::ConvDims& dims,
                 const int8_t* image, int32_t oy, int32_t ox, int32_t c, uint32_t* cols) {
  const uint32_t offset2 = dup16(params.input_offset);
  const int32_t iy0 = oy * params.stride_h - params.pad_top;
  const int32_t ix0 = ox * params.stride_w - params.pad_left;
  const int32_t row_elems = dims.filter_w * dims.filter_c;
  int32_t k = 0;
  for (int32_t ky = 0; ky < dims.filter_h; ++ky, k += row_elems) {
    const int32_t iy = iy0 + ky * params.dilation_h;
    if (iy < 0 || iy >= dims.input_h) {
      zero_run(row_elems, k, c, cols);
      continue;
    }
    const int8_t* row = image + iy * dims.input_w * dims.input_c;
    // Runs of in-bounds taps whose channels are contiguous in the input (dilation 1) are
    // widened in one go.
    int32_t kx = 0;
    while (kx < dims.filter_w) {
      const int32_t ix = ix0 + kx * params.dilation_w;
      const int32_t kk = k + kx * dims.filter_c;
      if (ix < 0 || ix >= dims.input_w) {
        zero_run(dims.filter_c, kk, c, cols);
        ++kx;
        continue;
      }
      int32_t run = 1;
      if (params.dilation_w == 1) {
        while (kx + run < dims.filter_w && ix + run < dims.input_w) ++run;
      }
      widen_run(row + ix * dims.input_c, run * dims.filter_c, kk, c, offset2, cols);
      kx += run;
    }
  }
}

}  // namespace tr::engine::dsp
