#include "engine/kernels/reference/average_pool_2d_s8.h"

namespace tr::engine::reference {

int32_t rounded_average(int32_t sum, int32_t count) {
  return sum > 0 ? (sum + count / 2) / count : (sum - count / 2) / count;
}

void average_pool_2d_s8(const Pool2dParams& p, const Pool2dDims& d, const int8_t* input,
                        int8_t* output) {
  for (int32_t b = 0; b < d.batches; ++b) {
    for (int32_t oy = 0; oy < d.output_h; ++oy) {
      const PoolWindow wy = pool_window(oy, p.stride_h, p.pad_top, p.filter_h, d.input_h);
      for (int32_t ox = 0; ox < d.output_w; ++ox) {
        const PoolWindow wx = pool_window(ox, p.stride_w, p.pad_left, p.filter_w, d.input_w);
        int8_t* out = output + ((b * d.output_h + oy) * d.output_w + ox) * d.channels;
        for (int32_t c = 0; c < d.channels; ++c) {
          int32_t sum = 0;
          int32_t count = 0;
          for (int32_t iy = wy.begin; iy < wy.end; ++iy) {
            for (int32_t ix = wx.begin; ix < wx.end; ++ix) {
              sum += input[((b * d.input_h + iy) * d.input_w + ix) * d.channels + c];
              ++count;
            }
          }
          // SAME/VALID geometry never yields an empty window (pad_before < filter); guard the
          // division anyway.
          int32_t y = count > 0 ? rounded_average(sum, count) : 0;
          if (y < p.act_min) y = p.act_min;
          if (y > p.act_max) y = p.act_max;
          out[c] = static_cast<int8_t>(y);
        }
      }
    }
  }
}

}  // namespace tr::engine::reference
