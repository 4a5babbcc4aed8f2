// Reference int8 FULLY_CONNECTED (int8-quantization.md §8): the bit-exact oracle for any
// optimized variant. The input is read as a flat [batches, accum_depth] matrix, weights are
// [output_depth, accum_depth], bias (optional) is int32 [output_depth].
#pragma once

#include <cstdint>

namespace tr::engine::reference {

struct FullyConnectedParams {
  int32_t input_offset = 0;    // -input zero point
  int32_t weights_offset = 0;  // -weights zero point (per-tensor path only)
  int32_t output_offset = 0;   // output zero point
  int32_t multiplier = 0;      // per-tensor requantization
  int32_t shift = 0;
  int32_t act_min = -128;
  int32_t act_max = 127;
};

struct FullyConnectedDims {
  int32_t batches = 0;
  int32_t accum_depth = 0;  // at most 32768 so the int32 dot product cannot overflow
  int32_t output_depth = 0;
};

// One multiplier/shift for every output channel.
void fully_connected_s8(const FullyConnectedParams& params, const FullyConnectedDims& dims,
                        const int8_t* input, const int8_t* weights, const int32_t* bias,
                        int8_t* output);

// One multiplier/shift per output channel; the weights zero point is not used.
void fully_connected_per_channel_s8(const FullyConnectedParams& params, const int32_t* multipliers,
                                    const int32_t* shifts, const FullyConnectedDims& dims,
                                    const int8_t* input, const int8_t* weights, const int32_t* bias,
                                    int8_t* output);

}  // namespace tr::engine::reference
