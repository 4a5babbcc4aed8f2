// Gathers the receptive field of one CONV_2D output pixel into a contiguous column, in the
// filter's (ky, kx, c) order, so the MAC core sees two plain int8 rows. Taps outside the image
// read the input zero point (they add nothing once the input offset is folded into the bias).
#pragma once

#include <arm_mve.h>

#include <cstdint>

#include "engine/kernels/reference/conv_2d_s8.h"

namespace tr::engine::helium {

// Copies n bytes (n >= 0) with 16-byte vector moves (inline: most runs are one move).
inline void copy_bytes(int8_t* dst, const int8_t* src, int32_t n) {
  for (; n > 0; n -= 16) {
    const mve_pred16_t p = vctp8q(static_cast<uint32_t>(n));
    vstrbq_p_s8(dst, vldrbq_z_s8(src, p), p);
    dst += 16;
    src += 16;
  }
}

// Sets n bytes (n >= 0) to value.
inline void fill_bytes(int8_t* dst, int8_t value, int32_t n) {
  const int8x16_t v = vdupq_n_s8(value);
  for (; n > 0; n -= 16) {
    vstrbq_p_s8(dst, v, vctp8q(static_cast<uint32_t>(n)));
    dst += 16;
  }
}

// column gets filter_h * filter_w * filter_c bytes for the output pixel whose top-left tap is
// (iy0, ix0) of `image` (one batch). Requires filter_c == input_c (no groups).
void im2col(const reference::ConvParams& params, const reference::ConvDims& dims,
            const int8_t* image, int32_t iy0, int32_t ix0, int8_t* column);

}  // namespace tr::engine::helium
