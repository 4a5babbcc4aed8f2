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

// Shallow columns whose channel count is not a multiple of 4 (first layers: 1 or 3 input
// channels) would be widened mostly one value at a time; they are gathered as int8 first,
// padded with the input zero point (which widens to 0), then widened four values per word.
constexpr int32_t kStagedDepth = 64;

void staged_column(const reference::ConvParams& params, const reference::ConvDims& dims,
                   const int8_t* image, int32_t oy, int32_t ox, int32_t c, uint32_t offset2,
                   uint32_t* cols) {
  int8_t stage[kStagedDepth];
  const auto pad = static_cast<int8_t>(-params.input_offset);
  const int32_t iy0 = oy * params.stride_h - params.pad_top;
  const int32_t ix0 = ox * params.stride_w - params.pad_left;
  const int32_t fc = dims.filter_c;
  int32_t k = 0;
  for (int32_t ky = 0; ky < dims.filter_h; ++ky) {
    const int32_t iy = iy0 + ky * params.dilation_h;
    const bool row_in = iy >= 0 && iy < dims.input_h;
    const int8_t* row = image + (row_in ? iy : 0) * dims.input_w * dims.input_c;
    if (row_in && params.dilation_w == 1 && ix0 >= 0 && ix0 + dims.filter_w <= dims.input_w) {
      // The whole filter row is one contiguous run: copy it a word at a time.
      const int32_t n = dims.filter_w * fc;
      const int8_t* src = row + ix0 * dims.input_c;
      int32_t i = 0;
      for (; i + 4 <= n; i += 4) {
        const uint32_t v = load_u32(src + i);
        __builtin_memcpy(stage + k + i, &v, sizeof v);
      }
      for (; i < n; ++i) stage[k + i] = src[i];
      k += n;
      continue;
    }
    for (int32_t kx = 0; kx < dims.filter_w; ++kx) {
      const int32_t ix = ix0 + kx * params.dilation_w;
      if (row_in && ix >= 0 && ix < dims.input_w) {
        const int8_t* src = row + ix * dims.input_c;
        for (int32_t i = 0; i < fc; ++i) stage[k + i] = src[i];
      } else {
        for (int32_t i = 0; i < fc; ++i) stage[k + i] = pad;
      }
      k += fc;
    }
  }
  for (; (k & 3) != 0; ++k) stage[k] = pad;  // k <= 64: the depth is at most 64
  uint32_t* out = cols + 2 * c;
  for (int32_t g = 0; g < k; g += 4, out += 4) {
    const uint32_t x = load_u32(stage + g);
    out[0] = sxtab16(offset2, x);
    out[1] = sxtab16_ror8(offset2, x);
  }
}

// The commonest first layer (3x3 filter over 3 channels, dilation 1) at an interior pixel:
// three 9-byte rows gathered with word loads, then seven widened groups.
void column_3x3x3(const int8_t* src, int32_t row_bytes, int8_t pad, int32_t c, uint32_t offset2,
                  uint32_t* cols) {
  uint32_t stage[7];
  auto* b = reinterpret_cast<int8_t*>(stage);
  for (int32_t ky = 0; ky < 3; ++ky, src += row_bytes) {
    const uint32_t w0 = load_u32(src);
    const uint32_t w1 = load_u32(src + 4);
    __builtin_memcpy(b + 9 * ky, &w0, sizeof w0);
    __builtin_memcpy(b + 9 * ky + 4, &w1, sizeof w1);
    b[9 * ky + 8] = src[8];
  }
  b[27] = pad;
  uint32_t* out = cols + 2 * c;
  for (int32_t g = 0; g < 7; ++g, out += 4) {
    out[0] = sxtab16(offset2, stage[g]);
    out[1] = sxtab16_ror8(offset2, stage[g]);
  }
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
  const int32_t depth = dims.filter_h * dims.filter_w * dims.filter_c;
  if (dims.filter_c == 3 && dims.filter_h == 3 && dims.filter_w == 3 && params.dilation_h == 1 &&
      params.dilation_w == 1) {
    const int32_t iy = oy * params.stride_h - params.pad_top;
    const int32_t ix = ox * params.stride_w - params.pad_left;
    if (iy >= 0 && iy + 3 <= dims.input_h && ix >= 0 && ix + 3 <= dims.input_w) {
      const int32_t row_bytes = dims.input_w * 3;
      column_3x3x3(image + iy * row_bytes + ix * 3, row_bytes,
                   static_cast<int8_t>(-params.input_offset), c, offset2, cols);
      return;
    }
  }
  if (depth <= kStagedDepth && (dims.filter_c & 3) != 0) {
    staged_column(params, dims, image, oy, ox, c, offset2, cols);
    return;
  }
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
