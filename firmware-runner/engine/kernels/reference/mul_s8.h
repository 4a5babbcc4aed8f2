// Reference int8 MUL (int8-quantization.md §12): the product of the two offset inputs, one
// doubly rounded MBQM to the output scale, then the fused-activation clamp. Broadcasting
// follows TFLM's generic N-D loop with the same per-element math.
#pragma once

#include <cstdint>

#include "engine/kernels/reference/broadcast_shape.h"

namespace tr::engine::reference {

struct MulParams {
  int32_t input1_offset = 0;  // -input 1 zero point
  int32_t input2_offset = 0;  // -input 2 zero point
  int32_t output_offset = 0;  // output zero point
  int32_t multiplier = 0;     // s1 * s2 / s_out
  int32_t shift = 0;          // in [-31, 30]; a left shift wraps in 32 bits like TFLM
  int32_t act_min = -128;
  int32_t act_max = 127;
};

void mul_s8(const MulParams& params, const BroadcastShape& shape, const int8_t* input1,
            const int8_t* input2, int8_t* output);

}  // namespace tr::engine::reference
