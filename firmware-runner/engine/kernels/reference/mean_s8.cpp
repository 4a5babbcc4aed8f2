#include "engine/kernels/reference/mean_s8.h"

#include <bit>

#include "engine/quantization.h"

namespace tr::engine::reference {
namespace {

// The kept (or the reduced) axes of the input as dims plus input strides, outer to inner.
struct AxisSet {
  int32_t count = 0;
  int32_t dims[kMaxReduceRank] = {};
  int32_t strides[kMaxReduceRank] = {};
};

void split_axes(const ReduceShape& s, AxisSet& kept, AxisSet& reduced) {
  int32_t strides[kMaxReduceRank] = {};
  int32_t stride = 1;
  for (int32_t d = s.rank - 1; d >= 0; --d) {
    strides[d] = stride;
    stride *= s.dims[d];
  }
  for (int32_t d = 0; d < s.rank; ++d) {
    AxisSet& set = s.reduced[d] ? reduced : kept;
    set.dims[set.count] = s.dims[d];
    set.strides[set.count++] = strides[d];
  }
}

// Input offset of the `index`-th element (row-major) of the sub-grid spanned by `set`.
int32_t offset_of(const AxisSet& set, uint32_t index) {
  int32_t offset = 0;
  for (int32_t a = set.count - 1; a >= 0; --a) {
    const auto dim = static_cast<uint32_t>(set.dims[a]);
    offset += static_cast<int32_t>(index % dim) * set.strides[a];
    index /= dim;
  }
  return offset;
}

}  // namespace

uint32_t ReduceShape::reduced_count() const {
  uint32_t n = 1;
  for (int32_t d = 0; d < rank; ++d) {
    if (reduced[d]) n *= static_cast<uint32_t>(dims[d]);
  }
  return n;
}

uint32_t ReduceShape::output_count() const {
  uint32_t n = 1;
  for (int32_t d = 0; d < rank; ++d) {
    if (!reduced[d]) n *= static_cast<uint32_t>(dims[d]);
  }
  return n;
}

void mean_multiplier(int32_t multiplier, int32_t shift, uint32_t n, int32_t& out_multiplier,
                     int32_t& out_shift) {
  int32_t k = static_cast<int32_t>(std::bit_width(n)) - 1;  // floor(log2 n)
  if (k > 32) k = 32;
  if (k > 31 + shift) k = 31 + shift;  // keeps S' >= -31
  out_multiplier = static_cast<int32_t>((int64_t{multiplier} << k) / n);
  out_shift = shift - k;
}

void mean_s8(const MeanParams& p, const ReduceShape& shape, const int8_t* input, int8_t* output) {
  const uint32_t n = shape.reduced_count();
  const uint32_t outputs = shape.output_count();
  if (n == 0) return;  // an empty reduction has no mean; prepare rejects it
  int32_t multiplier = 0;
  int32_t shift = 0;
  mean_multiplier(p.multiplier, p.shift, n, multiplier, shift);
  AxisSet kept;
  AxisSet reduced;
  split_axes(shape, kept, reduced);
  for (uint32_t o = 0; o < outputs; ++o) {
    const int32_t base = offset_of(kept, o);
    int32_t sum = 0;
    for (uint32_t r = 0; r < n; ++r) sum += input[base + offset_of(reduced, r)];
    const int32_t centered = sum - p.input_zero_point * static_cast<int32_t>(n);
    int32_t y = mbqm(centered, multiplier, shift) + p.output_zero_point;
    if (y < -128) y = -128;
    if (y > 127) y = 127;
    output[o] = static_cast<int8_t>(y);
  }
}

}  // namespace tr::engine::reference
