#include "builder/input_patterns.h"

#include <stdexcept>

#include "builder/prng.h"

namespace tr::workloads {

std::vector<int8_t> make_pattern_input(Pattern p, size_t n, int32_t zero_point) {
  if (zero_point < -128 || zero_point > 127) {
    throw std::invalid_argument("make_pattern_input: zero point " + std::to_string(zero_point) +
                                " is not an int8 value");
  }
  std::vector<int8_t> v(n);
  for (size_t i = 0; i < n; ++i) {
    uint32_t byte = 0;
    switch (p) {
      case Pattern::p0:
        byte = static_cast<uint32_t>((7 * static_cast<uint64_t>(i) + 3) % 256);
        break;
      case Pattern::p1:
        byte = static_cast<uint32_t>(zero_point + 128);
        break;
      case Pattern::p2:
        byte = ((static_cast<uint32_t>(i) * 2654435761u) >> 13) % 256;
        break;
    }
    v[i] = static_cast<int8_t>(static_cast<int32_t>(byte) - 128);
  }
  return v;
}

std::vector<int8_t> make_random_input(uint32_t seed, size_t n) {
  SplitMix64 rng(seed);
  std::vector<int8_t> v(n);
  for (auto& x : v) x = static_cast<int8_t>(rng.uniform_int(-128, 127));
  return v;
}

}  // namespace tr::workloads
