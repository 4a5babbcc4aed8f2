// The Armv7E-M DSP kernel set (Cortex-M4/M7/M33: SMLAD dual 16-bit MACs, SXTB16 unpacking),
// the same API as portable_kernels.h and bit-exact with the reference kernels. Input offsets
// are added while unpacking (SXTAB16) or folded into the starting sums, so no per-op data is
// kept: every *_persistent_bytes is 0. Scratch: two widened filter rows (1x1 CONV_2D, 4 * C
// bytes), two widened im2col columns (other CONV_2D, 16 bytes per 4 filter values), four
// channels of widened taps (DEPTHWISE_CONV_2D, 8 bytes per tap, plus a padded band of three
// input rows, 12 bytes per column, for 3x3 filters); FULLY_CONNECTED and ADD need none.
// Without __ARM_FEATURE_DSP (host tests) dsp_intrinsics.h supplies portable equivalents.
// Shapes or quantizations a kernel does not handle go to the reference kernels.
#pragma once

#include <cstdint>

#include "engine/kernels/kernel_buffers.h"
#include "engine/kernels/reference/add_s8.h"
#include "engine/kernels/reference/conv_2d_s8.h"
#include "engine/kernels/reference/depthwise_conv_2d_s8.h"
#include "engine/kernels/reference/fully_connected_s8.h"

namespace tr::engine::dsp {

inline constexpr const char* kName = "dsp";

#include "engine/kernels/kernel_set_api.inc"  // IWYU pragma: export

}  // namespace tr::engine::dsp
