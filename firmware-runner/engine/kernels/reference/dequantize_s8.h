// Reference DEQUANTIZE from int8 to float32 (int8-quantization.md §19): the product
// s * (q - z) is formed in double and rounded to float32 once.
#pragma once

#include <cstdint>

namespace tr::engine::reference {

void dequantize_s8(float scale, int32_t zero_point, uint32_t count, const int8_t* input,
                   float* output);

}  // namespace tr::engine::reference
