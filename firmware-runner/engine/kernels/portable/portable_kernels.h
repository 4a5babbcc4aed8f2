// The kernel-family API every build-time kernel set implements (portable, dsp, helium), shown
// here for the portable set: the reference kernels, needing no persistent or scratch memory.
// An optimized set includes the same declarations in its own namespace, bit-exact with these; a set
// may route shapes it does not speed up to the reference kernels. The functions are declared in
// kernel_set_api.inc.
#pragma once

#include <cstdint>

#include "engine/kernels/kernel_buffers.h"
#include "engine/kernels/reference/add_s8.h"
#include "engine/kernels/reference/conv_2d_s8.h"
#include "engine/kernels/reference/depthwise_conv_2d_s8.h"
#include "engine/kernels/reference/fully_connected_s8.h"

namespace tr::engine::portable {

inline constexpr const char* kName = "reference";

#include "engine/kernels/kernel_set_api.inc"  // IWYU pragma: export

}  // namespace tr::engine::portable
