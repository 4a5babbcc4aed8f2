// How CONV_2D reads the receptive fields of its output pixels (chosen from the shapes alone, so
// the scratch size asked at prepare matches what the kernel uses).
#pragma once

#include <cstdint>

#include "engine/kernels/reference/conv_2d_s8.h"

namespace tr::engine::helium {

enum class ReadMode {
  in_place,  // an in-bounds 1x1 filter over 16k channels: each pixel's channels are the column
  runs,      // filter rows are whole 16-byte blocks: inside pixels read in place
  im2col,    // everything else: four im2col columns in scratch
};

// im2col columns for the border pixels of ReadMode::runs: two keep the scratch at half of
// TFLM's (the arena peak of a model can sit on such a layer).
inline constexpr int32_t kBorderColumns = 2;

inline int32_t filter_depth(const reference::ConvDims& d) {
  return d.filter_h * d.filter_w * d.filter_c;
}

inline ReadMode read_mode(const reference::ConvParams& p, const reference::ConvDims& d) {
  if (d.filter_h == 1 && d.filter_w == 1 && d.input_c % 16 == 0 && p.pad_top == 0 &&
      p.pad_left == 0 && (d.output_h - 1) * p.stride_h < d.input_h &&
      (d.output_w - 1) * p.stride_w < d.input_w) {
    return ReadMode::in_place;
  }
  if (p.dilation_w == 1 && (d.filter_w * d.input_c) % 16 == 0) return ReadMode::runs;
  return ReadMode::im2col;
}

// im2col scratch: four columns `depth` bytes apart, plus room for the last one to be read up to
// the next 16-byte boundary (dot_1x4_padded reads each column that far; the bytes past a
// column meet zeros of the filter row).
inline int32_t im2col_scratch_bytes(const reference::ConvDims& d) {
  const int32_t depth = filter_depth(d);
  return 3 * depth + ((depth + 15) & ~15);
}

// True when every tap of the output pixel whose top-left tap is (iy0, ix0) is inside the image.
inline bool pixel_inside(const reference::ConvParams& p, const reference::ConvDims& d, int32_t iy0,
                         int32_t ix0) {
  return iy0 >= 0 && ix0 >= 0 && iy0 + (d.filter_h - 1) * p.dilation_h < d.input_h &&
         ix0 + (d.filter_w - 1) * p.dilation_w < d.input_w;
}

}  // namespace tr::engine::helium
