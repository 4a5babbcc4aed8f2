// The kernel set this build uses, chosen at build time from the target file's
// firmware.kernels ("reference", "dsp", "helium"): ops call kernels::conv_2d_s8 and friends.
// Host builds use the portable set unless a test compiles an optimized set on purpose.
#pragma once

#if defined(TINYRACK_KERNELS_HELIUM)
#include "engine/kernels/helium/helium_kernels.h"
namespace tr::engine {
namespace kernels = helium;
}
#define TR_KERNEL_SET_NAME "helium"
#elif defined(TINYRACK_KERNELS_DSP)
#include "engine/kernels/dsp/dsp_kernels.h"
namespace tr::engine {
namespace kernels = dsp;
}
#define TR_KERNEL_SET_NAME "dsp"
#else
#include "engine/kernels/portable/portable_kernels.h"
namespace tr::engine {
namespace kernels = portable;
}
#define TR_KERNEL_SET_NAME "reference"
#endif
