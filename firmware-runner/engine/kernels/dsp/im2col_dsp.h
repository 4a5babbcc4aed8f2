// Widened im2col columns for the two-column matrix kernel (mat_mult_dsp.h).
//
// A column holds `depth` values x + input_offset as int16 (0 for padding taps, whose reference
// term w * (x - z_in) vanishes). Two columns are interleaved in groups of four depth elements
// k = 4g..4g+3 so that one SXTB16 / SXTB16-ROR-8 pair of a weight word lines up with them:
//   word 4g + 2c     = (k0, k2) of column c     word 4g + 2c + 1 = (k1, k3) of column c.
// Elements past `depth` in the last group stay 0: zero the buffer once, then build columns.
#pragma once

#include <cstdint>

#include "engine/kernels/reference/conv_2d_s8.h"

namespace tr::engine::dsp {

inline int32_t column_groups(int32_t depth) {
  return (depth + 3) / 4;
}

// Bytes of an interleaved column pair.
inline uint32_t column_pair_bytes(int32_t depth) {
  return 16u * static_cast<uint32_t>(column_groups(depth));
}

// Elements [k0, k0 + n) of column c from n contiguous int8 values, plus the offset in both
// halfwords of offset2.
void widen_run(const int8_t* src, int32_t n, int32_t k0, int32_t c, uint32_t offset2,
               uint32_t* cols);

// Elements [k0, k0 + n) of column c set to 0.
void zero_run(int32_t n, int32_t k0, int32_t c, uint32_t* cols);

// Column c = the receptive field of output pixel (oy, ox) in `image` (one batch, NHWC), in the
// filter's [ky][kx][channel] order; filter_c must equal input_c (no groups).
void conv_column(const reference::ConvParams& params, const reference::ConvDims& dims,
                 const int8_t* image, int32_t oy, int32_t ox, int32_t c, uint32_t* cols);

}  // namespace tr::engine::dsp
