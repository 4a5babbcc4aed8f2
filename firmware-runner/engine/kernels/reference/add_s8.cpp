#include "engine/kernels/reference/add_s8.h"

#include "engine/quantization.h"

namespace tr::engine::reference {
namespace {

int8_t add_one(const AddParams& p, int8_t x1, int8_t x2) {
  // |x - z| <= 255, so the shift by 20 stays inside int32.
  const int32_t a = (static_cast<int32_t>(x1) + p.input1_offset) * (int32_t{1} << p.left_shift);
  const int32_t b = (static_cast<int32_t>(x2) + p.input2_offset) * (int32_t{1} << p.left_shift);
  const int32_t sum = wrapping_add(mbqm(a, p.input1_multiplier, p.input1_shift),
                                   mbqm(b, p.input2_multiplier, p.input2_shift));
  int32_t y = mbqm(sum, p.output_multiplier, p.output_shift) + p.output_offset;
  if (y < p.act_min) y = p.act_min;
  if (y > p.act_max) y = p.act_max;
  return static_cast<int8_t>(y);
}

}  // namespace

void add_s8(const AddParams& params, const BroadcastShape& shape, const int8_t* input1,
            const int8_t* input2, int8_t* output) {
  for_each_broadcast(shape, [&](uint32_t o, int32_t i1, int32_t i2) {
    output[o] = add_one(params, input1[i1], input2[i2]);
  });
}

}  // namespace tr::engine::reference
