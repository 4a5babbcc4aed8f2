// Reference int8 MEAN (int8-quantization.md §21): the raw int8 values reduced into each output
// are summed, the zero point times their count N is taken off, and one MBQM with the
// multiplier rescaled by 1/N (M' = M * 2^k / N, S' = S - k, k = floor(log2 N) clamped to
// min(32, 31 + S)) gives the output. Up to six dimensions, any set of reduced axes.
#pragma once

#include <cstdint>

namespace tr::engine::reference {

constexpr int kMaxReduceRank = 6;

struct MeanParams {
  int32_t input_zero_point = 0;
  int32_t output_zero_point = 0;
  int32_t multiplier = 0;  // s_in / s_out from QuantizeMultiplier
  int32_t shift = 0;       // in [-31, 30]
};

struct ReduceShape {
  int32_t rank = 0;
  int32_t dims[kMaxReduceRank] = {};  // input dims
  bool reduced[kMaxReduceRank] = {};  // axes summed into each output

  uint32_t reduced_count() const;  // N, elements per output
  uint32_t output_count() const;
};

// M' and S' for N elements per output (N >= 1).
void mean_multiplier(int32_t multiplier, int32_t shift, uint32_t n, int32_t& out_multiplier,
                     int32_t& out_shift);

// The input holds at most 2^23 elements per output so the int32 sum cannot overflow.
void mean_s8(const MeanParams& params, const ReduceShape& shape, const int8_t* input,
             int8_t* output);

}  // namespace tr::engine::reference
