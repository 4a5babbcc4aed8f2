#include "engine/kernels/helium/folded_bias.h"

#include <arm_mve.h>

namespace tr::engine::helium {

void fold_bias_rows(const int8_t* weights, int32_t rows, int32_t depth, const int32_t* bias,
                    int32_t input_offset, int32_t* folded) {
  for (int32_t r = 0; r < rows; ++r) {
    const int8_t* w = weights + r * depth;
    int32_t sum = 0;
    for (int32_t blocks = depth >> 4; blocks > 0; --blocks) {
      sum = vaddvaq_s8(sum, vldrbq_s8(w));
      w += 16;
    }
    const int32_t tail = depth & 15;
    if (tail != 0) {
      // Lanes past the row load as zero.
      sum = vaddvaq_s8(sum, vldrbq_z_s8(w, vctp8q(static_cast<uint32_t>(tail))));
    }
    const uint32_t b = bias != nullptr ? static_cast<uint32_t>(bias[r]) : 0u;
    folded[r] =
        static_cast<int32_t>(b + static_cast<uint32_t>(input_offset) * static_cast<uint32_t>(sum));
  }
}

void fold_bias_columns(const int8_t* filter, int32_t taps, int32_t channels, const int32_t* bias,
                       int32_t input_offset, int32_t* folded) {
  for (int32_t c = 0; c < channels; c += 4) {
    const mve_pred16_t p = vctp32q(static_cast<uint32_t>(channels - c));
    int32x4_t sum = vdupq_n_s32(0);
    for (int32_t t = 0; t < taps; ++t) {
      sum = vaddq_s32(sum, vldrbq_z_s32(filter + t * channels + c, p));
    }
    const int32x4_t b = bias != nullptr ? vldrwq_z_s32(bias + c, p) : vdupq_n_s32(0);
    // Vector multiply-add wraps like the scalar uint32 arithmetic.
    vstrwq_p_s32(folded + c, vmlaq_n_s32(b, sum, input_offset), p);
  }
}

}  // namespace tr::engine::helium
