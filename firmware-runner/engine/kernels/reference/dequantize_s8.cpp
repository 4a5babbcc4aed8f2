#include "engine/kernels/reference/dequantize_s8.h"

namespace tr::engine::reference {

void dequantize_s8(float scale, int32_t zero_point, uint32_t count, const int8_t* input,
                   float* output) {
  const auto s = static_cast<double>(scale);
  for (uint32_t i = 0; i < count; ++i) {
    output[i] = static_cast<float>(s * static_cast<double>(input[i] - zero_point));
  }
}

}  // namespace tr::engine::reference
