#include "engine/ops/conv_geometry.h"

namespace tr::engine {

bool compute_padding(Padding padding, int32_t input, int32_t filter, int32_t stride,
                     int32_t dilation, AxisGeometry& out) {
  out = AxisGeometry{};
  if (input < 1 || filter < 1 || stride < 1 || dilation < 1) return false;
  // 64-bit: a corrupt model may carry huge dilations or strides.
  const int64_t effective = int64_t{filter - 1} * dilation + 1;
  if (effective > INT32_MAX) return false;
  int64_t output = 0;
  if (padding == Padding::same) {
    output = (int64_t{input} + stride - 1) / stride;
  } else if (padding == Padding::valid) {
    if (effective > input) return false;
    output = (int64_t{input} - effective) / stride + 1;
  } else {
    return false;
  }
  int64_t total = (output - 1) * stride + effective - input;
  if (total < 0) total = 0;
  out.output = static_cast<int32_t>(output);
  out.pad_before = static_cast<int32_t>(total / 2);
  out.pad_after = static_cast<int32_t>(total - total / 2);
  return true;
}

}  // namespace tr::engine
