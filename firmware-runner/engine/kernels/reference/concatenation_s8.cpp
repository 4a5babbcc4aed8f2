#include "engine/kernels/reference/concatenation_s8.h"

#include <cstring>

namespace tr::engine::reference {

void concatenation_s8(uint32_t outer, uint32_t input_count, const int8_t* const* inputs,
                      const uint32_t* slice_bytes, int8_t* output) {
  for (uint32_t o = 0; o < outer; ++o) {
    for (uint32_t i = 0; i < input_count; ++i) {
      std::memcpy(output, inputs[i] + o * slice_bytes[i], slice_bytes[i]);
      output += slice_bytes[i];
    }
  }
}

}  // namespace tr::engine::reference
