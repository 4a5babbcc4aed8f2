#include "engine/kernels/helium/im2col.h"

namespace tr::engine::helium {

void im2col(const reference::ConvParams& params, const reference::ConvDims& dims,
            const int8_t* image, int32_t iy0, int32_t ix0, int8_t* column) {
  const int8_t pad = static_cast<int8_t>(-params.input_offset);
  const int32_t c = dims.input_c;
  const int32_t row_bytes = dims.filter_w * c;
  // With no horizontal dilation and the whole filter row inside the image, a filter row is one
  // contiguous run of the input.
  const bool rows_contiguous =
      params.dilation_w == 1 && ix0 >= 0 && ix0 + dims.filter_w <= dims.input_w;
  for (int32_t ky = 0; ky < dims.filter_h; ++ky) {
    const int32_t iy = iy0 + ky * params.dilation_h;
    if (iy < 0 || iy >= dims.input_h) {
      fill_bytes(column, pad, row_bytes);
    } else if (rows_contiguous) {
      copy_bytes(column, image + (iy * dims.input_w + ix0) * c, row_bytes);
    } else {
      for (int32_t kx = 0; kx < dims.filter_w; ++kx) {
        const int32_t ix = ix0 + kx * params.dilation_w;
        if (ix < 0 || ix >= dims.input_w) {
          fill_bytes(column + kx * c, pad, c);
        } else {
          copy_bytes(column + kx * c, image + (iy * dims.input_w + ix) * c, c);
        }
      }
    }
    column += row_bytes;
  }
}

}  // namespace tr::engine::helium
