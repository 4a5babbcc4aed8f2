// Reference CONCATENATION for int8 (int8-quantization.md §20): every input shares the output's
// quantization, so the op copies each input's slice of the axis in turn, once per index of the
// dimensions before the axis. No arithmetic.
#pragma once

#include <cstdint>

namespace tr::engine::reference {

// outer = product of the dimensions before the axis; slice_bytes[i] = input i's axis size
// times the product of the dimensions after the axis.
void concatenation_s8(uint32_t outer, uint32_t input_count, const int8_t* const* inputs,
                      const uint32_t* slice_bytes, int8_t* output);

}  // namespace tr::engine::reference
