#include "engine/kernels/helium/folded_bias.h"

namespace tr::engine::helium {
namespace {

int32_t fold(uint32_t weight_sum, const int32_t* bias, int32_t channel, int32_t input_offset) {
  const uint32_t b = bias != nullptr ? static_cast<uint32_t>(bias[channel]) : 0u;
  return static_cast<int32_t>(b + static_cast<uint32_t>(input_offset) * weight_sum);
}

}  // namespace

void fold_bias_rows(const int8_t* weights, int32_t rows, int32_t depth, const int32_t* bias,
                    int32_t input_offset, int32_t* folded) {
  for (int32_t r = 0; r < rows; ++r) {
    uint32_t sum = 0;
    const int8_t* w = weights + r * depth;
    for (int32_t k = 0; k < depth; ++k) sum += static_cast<uint32_t>(static_cast<int32_t>(w[k]));
    folded[r] = fold(sum, bias, r, input_offset);
  }
}

void fold_bias_columns(const int8_t* filter, int32_t taps, int32_t channels, const int32_t* bias,
                       int32_t input_offset, int32_t* folded) {
  for (int32_t c = 0; c < channels; ++c) {
    uint32_t sum = 0;
    for (int32_t t = 0; t < taps; ++t) {
      sum += static_cast<uint32_t>(static_cast<int32_t>(filter[t * channels + c]));
    }
    folded[c] = fold(sum, bias, c, input_offset);
  }
}

}  // namespace tr::engine::helium
