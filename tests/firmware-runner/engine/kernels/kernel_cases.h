// Randomized MAC-op cases for comparing an optimized kernel set with the reference kernels:
// one case = shapes, geometry, offsets, per-channel quantization and int8 data, all from a
// deterministic generator. Each run_* builds the case, runs tr::engine::dsp and
// tr::engine::reference on exactly sized heap buffers (so sanitizers see any overrun; scratch
// also carries a canary) and reports the first mismatch.
#pragma once

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "engine/kernels/reference/conv_2d_s8.h"
#include "engine/kernels/reference/depthwise_conv_2d_s8.h"
#include "engine/kernels/reference/fully_connected_s8.h"

namespace tr::test {

using Rng = std::mt19937;

// How the values of a case are drawn.
enum class Values {
  random,    // uniform int8, random offsets, bias and requantization
  extremes,  // runs of -128/127 data, extreme offsets, bias near the int32 ends
};

struct ConvShape {
  int32_t batches = 1, input_h = 1, input_w = 1, input_c = 1;
  int32_t filter_h = 1, filter_w = 1;
  int32_t output_c = 1;          // CONV_2D only
  int32_t depth_multiplier = 1;  // DEPTHWISE_CONV_2D only
  int32_t stride_h = 1, stride_w = 1, dilation_h = 1, dilation_w = 1;
  bool same = true;
};

// Outcome of one comparison: empty `mismatch` when the outputs are identical.
struct CaseResult {
  std::string mismatch;
  std::string describe;  // the case, for failure messages
  uint32_t scratch_bytes = 0;
  uint32_t persistent_bytes = 0;
};

CaseResult run_conv_case(const ConvShape& shape, Values values, Rng& rng);
CaseResult run_depthwise_case(const ConvShape& shape, Values values, Rng& rng);
CaseResult run_fully_connected_case(int32_t batches, int32_t depth, int32_t outputs,
                                    bool per_channel, Values values, Rng& rng);

// A random conv-like shape (sizes 1-12, filters 1-5, strides 1-3, dilations 1-3, SAME or
// VALID) whose VALID output is not empty.
ConvShape random_conv_shape(Rng& rng);

}  // namespace tr::test
