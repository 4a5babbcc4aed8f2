// Reference int8 ADD (int8-quantization.md §11): both inputs are scaled to a common fixed-point
// scale with 20 bits of headroom, added, and requantized to the output; three doubly rounded
// MBQM steps. Broadcasting follows TFLM's generic N-D loop with the same per-element math.
#pragma once

#include <cstdint>

#include "engine/kernels/reference/broadcast_shape.h"

namespace tr::engine::reference {

struct AddParams {
  int32_t input1_offset = 0;  // -input 1 zero point
  int32_t input2_offset = 0;  // -input 2 zero point
  int32_t output_offset = 0;  // output zero point
  int32_t left_shift = 20;
  int32_t input1_multiplier = 0;
  int32_t input1_shift = 0;  // <= 0
  int32_t input2_multiplier = 0;
  int32_t input2_shift = 0;  // <= 0
  int32_t output_multiplier = 0;
  int32_t output_shift = 0;  // <= 0
  int32_t act_min = -128;
  int32_t act_max = 127;
};

void add_s8(const AddParams& params, const BroadcastShape& shape, const int8_t* input1,
            const int8_t* input2, int8_t* output);

}  // namespace tr::engine::reference
