// Reference int8 PAD / PADV2 (int8-quantization.md §20): the input is placed after the
// "before" paddings of every dimension and everything else is the fill value. A pure copy,
// no requantization.
#pragma once

#include <cstdint>

namespace tr::engine::reference {

constexpr int32_t kMaxPadRank = 6;

struct PadParams {
  int32_t rank = 0;  // 0..kMaxPadRank; rank 0 copies the single element
  int32_t input_dims[kMaxPadRank] = {};
  int32_t before[kMaxPadRank] = {};  // >= 0
  int32_t after[kMaxPadRank] = {};   // >= 0
  int8_t fill = 0;                   // PAD: output zero point; PADV2: the constant value
};

// `output` holds Π (input_dims[d] + before[d] + after[d]) elements.
void pad_s8(const PadParams& params, const int8_t* input, int8_t* output);

}  // namespace tr::engine::reference
