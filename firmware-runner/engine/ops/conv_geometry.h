// Output size and implicit padding of one spatial axis for convolution and pooling windows
// (int8-quantization.md §5, TFLite's padding.h). Pure arithmetic, no flatbuffer knowledge, so
// CONV_2D, DEPTHWISE_CONV_2D, the pooling ops and TRANSPOSE_CONV can all share it.
#pragma once

#include <cstdint>

namespace tr::engine {

// The schema's Padding enum (tflite-format.md §2.3).
enum class Padding : uint8_t { same = 0, valid = 1 };

// One spatial axis after padding: the output size and the implicit padding on each side.
struct AxisGeometry {
  int32_t output = 0;      // SAME: ceil(I / S); VALID: floor((I - Ke) / S) + 1
  int32_t pad_before = 0;  // floor(P / 2): top or left
  int32_t pad_after = 0;   // P - pad_before: the odd extra pixel goes bottom or right
};

// Geometry of one axis with input size `input`, filter size `filter`, stride and dilation
// (pooling and TRANSPOSE_CONV pass dilation 1; TRANSPOSE_CONV passes its output size as
// `input`). The effective filter is Ke = (filter - 1) * dilation + 1 and the total padding
// P = max(0, (O - 1) * stride + Ke - input); VALID always gives P = 0.
// Output tap k of output o reads input index o * stride - pad_before + k * dilation; taps
// outside [0, input) are skipped by the kernels.
// Returns false (and leaves `out` zeroed) when an argument is < 1, `padding` is not SAME or
// VALID, the effective filter exceeds int32, or the output would be empty (VALID with the
// effective filter larger than the input).
bool compute_padding(Padding padding, int32_t input, int32_t filter, int32_t stride,
                     int32_t dilation, AxisGeometry& out);

}  // namespace tr::engine
