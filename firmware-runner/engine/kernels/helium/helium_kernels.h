// The Helium (Armv8.1-M MVE, Cortex-M55) kernel set: the API of kernel_set_api.inc,
// bit-exact with the reference kernels. No persistent memory: the convolutions fold
// bias + input_offset * sum(w) into their scratch at every eval (folded_bias.h) and
// FULLY_CONNECTED sums its weight rows next to the dot products, so the inner loops multiply raw
// int8 values with VMLADAV and padding taps read the input zero point. Shapes not sped up
// (grouped convolution, depthwise multipliers above 1 or more than 64 taps, FC with a weights
// zero point, broadcasting ADD) run the reference kernels.
#pragma once

#include <cstdint>

#include "engine/kernels/kernel_buffers.h"
#include "engine/kernels/reference/add_s8.h"
#include "engine/kernels/reference/conv_2d_s8.h"
#include "engine/kernels/reference/depthwise_conv_2d_s8.h"
#include "engine/kernels/reference/fully_connected_s8.h"

namespace tr::engine::helium {

inline constexpr const char* kName = "helium";

#include "engine/kernels/kernel_set_api.inc"  // IWYU pragma: export

}  // namespace tr::engine::helium
