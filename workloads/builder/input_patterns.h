// Deterministic int8 model inputs: the golden patterns of tflite-format.md §3.6 and seeded
// uniform noise. Indices run over the flattened (NHWC) input.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace tr::workloads {

enum class Pattern {
  p0,  // ((7 i + 3) mod 256) - 128
  p1,  // every element = the input zero point
  p2,  // (((i * 2654435761) mod 2^32) >> 13) mod 256 - 128
};

std::vector<int8_t> make_pattern_input(Pattern p, size_t n, int32_t zero_point);
// Uniform int8 in [-128, 127] from SplitMix64(seed).
std::vector<int8_t> make_random_input(uint32_t seed, size_t n);

}  // namespace tr::workloads
