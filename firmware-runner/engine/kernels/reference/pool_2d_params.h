// Geometry and clamp shared by the reference int8 AVERAGE_POOL_2D and MAX_POOL_2D kernels
// (int8-quantization.md §5, §9-§10). NHWC input [batches, input_h, input_w, channels] and output
// [batches, output_h, output_w, channels]; input and output share one quantization.
#pragma once

#include <cstdint>

namespace tr::engine::reference {

struct Pool2dParams {
  int32_t stride_h = 1;
  int32_t stride_w = 1;
  int32_t filter_h = 1;
  int32_t filter_w = 1;
  int32_t pad_top = 0;  // implicit padding before the first row / column (§5)
  int32_t pad_left = 0;
  int32_t act_min = -128;
  int32_t act_max = 127;
};

struct Pool2dDims {
  int32_t batches = 0;
  int32_t input_h = 0;
  int32_t input_w = 0;
  int32_t channels = 0;
  int32_t output_h = 0;
  int32_t output_w = 0;
};

// The window of one output coordinate clipped to the input: taps [begin, end).
struct PoolWindow {
  int32_t begin = 0;
  int32_t end = 0;
};

inline PoolWindow pool_window(int32_t out, int32_t stride, int32_t pad, int32_t filter,
                              int32_t input) {
  const int32_t origin = out * stride - pad;
  PoolWindow w{origin < 0 ? 0 : origin, origin + filter};
  if (w.end > input) w.end = input;
  return w;
}

}  // namespace tr::engine::reference
