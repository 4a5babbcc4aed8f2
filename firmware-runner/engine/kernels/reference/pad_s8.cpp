#include "engine/kernels/reference/pad_s8.h"

#include <cstring>

namespace tr::engine::reference {

// Walks the output one innermost row at a time: a row whose outer coordinates all fall inside
// the input is fill + input row + fill, any other row is all fill.
void pad_s8(const PadParams& params, const int8_t* input, int8_t* output) {
  if (params.rank == 0) {
    output[0] = input[0];
    return;
  }
  const int32_t last = params.rank - 1;
  int32_t out_dims[kMaxPadRank] = {};
  int64_t rows = 1;
  for (int32_t d = 0; d < params.rank; ++d) {
    out_dims[d] = params.input_dims[d] + params.before[d] + params.after[d];
    if (d < last) rows *= out_dims[d];
  }
  const int32_t in_row = params.input_dims[last];
  const int32_t out_row = out_dims[last];
  const auto fill = static_cast<int>(static_cast<uint8_t>(params.fill));
  int32_t index[kMaxPadRank] = {};  // outer output coordinates of the current row
  for (int64_t r = 0; r < rows; ++r) {
    bool inside = true;
    int64_t in_offset = 0;  // start of the matching input row
    for (int32_t d = 0; d < last; ++d) {
      const int32_t i = index[d] - params.before[d];
      if (i < 0 || i >= params.input_dims[d]) inside = false;
      in_offset = in_offset * params.input_dims[d] + i;
    }
    if (inside && in_row > 0) {
      std::memset(output, fill, static_cast<size_t>(params.before[last]));
      std::memcpy(output + params.before[last], input + in_offset * in_row,
                  static_cast<size_t>(in_row));
      std::memset(output + params.before[last] + in_row, fill,
                  static_cast<size_t>(params.after[last]));
    } else {
      std::memset(output, fill, static_cast<size_t>(out_row));
    }
    output += out_row;
    for (int32_t d = last - 1; d >= 0; --d) {  // next row: odometer over the outer dims
      if (++index[d] < out_dims[d]) break;
      index[d] = 0;
    }
  }
}

}  // namespace tr::engine::reference
