#include "engine/kernels/reference/mul_s8.h"

#include "engine/quantization.h"

namespace tr::engine::reference {

void mul_s8(const MulParams& params, const BroadcastShape& shape, const int8_t* input1,
            const int8_t* input2, int8_t* output) {
  for_each_broadcast(shape, [&](uint32_t o, int32_t i1, int32_t i2) {
    // |product| <= 255 * 255: fits int32.
    const int32_t product = (static_cast<int32_t>(input1[i1]) + params.input1_offset) *
                            (static_cast<int32_t>(input2[i2]) + params.input2_offset);
    int32_t y = params.output_offset + mbqm(product, params.multiplier, params.shift);
    if (y < params.act_min) y = params.act_min;
    if (y > params.act_max) y = params.act_max;
    output[o] = static_cast<int8_t>(y);
  });
}

}  // namespace tr::engine::reference
