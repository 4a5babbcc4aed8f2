// Per-output-channel constants bias + input_offset * Σw (wrapping, like the int32 accumulator).
// With them the kernels multiply raw int8 inputs, and a padding tap must read the input zero
// point (-input_offset) so that it adds w * (z_in + input_offset) = 0. The convolutions compute
// them at the start of every eval into their scratch (a few instructions per 16 weights), so the
// arena keeps no per-layer persistent block and the constants only take space while the layer
// runs.
#pragma once

#include <cstdint>

namespace tr::engine::helium {

// rows x depth weights (CONV_2D OHWI filters); bias may be nullptr.
void fold_bias_rows(const int8_t* weights, int32_t rows, int32_t depth, const int32_t* bias,
                    int32_t input_offset, int32_t* folded);

// DEPTHWISE_CONV_2D filter [taps, channels]: channel c sums filter[t * channels + c].
void fold_bias_columns(const int8_t* filter, int32_t taps, int32_t channels, const int32_t* bias,
                       int32_t input_offset, int32_t* folded);

}  // namespace tr::engine::helium
