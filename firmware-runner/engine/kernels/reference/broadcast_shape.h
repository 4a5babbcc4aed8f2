// Element-wise iteration with NumPy-style broadcasting, as TFLM's generic N-D loop for ADD and
// MUL: both inputs are right-aligned to the output rank and a dimension of 1 repeats. Built
// at prepare time (engine/ops/broadcast.h); a stride of 0 marks a repeated dimension.
#pragma once

#include <cstdint>

namespace tr::engine::reference {

constexpr int kMaxBroadcastRank = 6;

struct BroadcastShape {
  int32_t rank = 0;  // output rank; 0 is a scalar
  int32_t dims[kMaxBroadcastRank] = {};
  int32_t strides1[kMaxBroadcastRank] = {};  // element strides of input 1, 0 where it repeats
  int32_t strides2[kMaxBroadcastRank] = {};

  uint32_t element_count() const {
    uint32_t n = 1;
    for (int32_t d = 0; d < rank; ++d) n *= static_cast<uint32_t>(dims[d]);
    return n;
  }
};

// Calls fn(output_index, input1_index, input2_index) for every output element in row-major
// order, stepping the input offsets like an odometer (no division per element).
template <typename Fn>
void for_each_broadcast(const BroadcastShape& shape, Fn&& fn) {
  int32_t index[kMaxBroadcastRank] = {};
  int32_t offset1 = 0;
  int32_t offset2 = 0;
  const uint32_t total = shape.element_count();
  for (uint32_t o = 0; o < total; ++o) {
    fn(o, offset1, offset2);
    for (int32_t d = shape.rank - 1; d >= 0; --d) {
      offset1 += shape.strides1[d];
      offset2 += shape.strides2[d];
      if (++index[d] < shape.dims[d]) break;
      offset1 -= shape.strides1[d] * shape.dims[d];
      offset2 -= shape.strides2[d] * shape.dims[d];
      index[d] = 0;
    }
  }
}

}  // namespace tr::engine::reference
