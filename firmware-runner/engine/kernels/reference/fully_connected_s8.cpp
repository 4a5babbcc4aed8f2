#include "engine/kernels/reference/fully_connected_s8.h"

#include "engine/quantization.h"

namespace tr::engine::reference {
namespace {

int8_t requantize(int32_t acc, int32_t multiplier, int32_t shift, const FullyConnectedParams& p) {
  int32_t y = mbqm(acc, multiplier, shift) + p.output_offset;
  if (y < p.act_min) y = p.act_min;
  if (y > p.act_max) y = p.act_max;
  return static_cast<int8_t>(y);
}

// Σ (w + weights_offset) * (x + input_offset); |terms| <= 255*255 and depth <= 32768, so the
// sum stays inside int32.
int32_t dot(const int8_t* x, const int8_t* w, int32_t depth, int32_t input_offset,
            int32_t weights_offset) {
  int32_t acc = 0;
  for (int32_t d = 0; d < depth; ++d) {
    acc +=
        (static_cast<int32_t>(w[d]) + weights_offset) * (static_cast<int32_t>(x[d]) + input_offset);
  }
  return acc;
}

}  // namespace

void fully_connected_s8(const FullyConnectedParams& params, const FullyConnectedDims& dims,
                        const int8_t* input, const int8_t* weights, const int32_t* bias,
                        int8_t* output) {
  for (int32_t b = 0; b < dims.batches; ++b) {
    const int8_t* x = input + b * dims.accum_depth;
    for (int32_t c = 0; c < dims.output_depth; ++c) {
      int32_t acc = dot(x, weights + c * dims.accum_depth, dims.accum_depth, params.input_offset,
                        params.weights_offset);
      if (bias != nullptr) acc = wrapping_add(acc, bias[c]);
      output[b * dims.output_depth + c] = requantize(acc, params.multiplier, params.shift, params);
    }
  }
}

void fully_connected_per_channel_s8(const FullyConnectedParams& params, const int32_t* multipliers,
                                    const int32_t* shifts, const FullyConnectedDims& dims,
                                    const int8_t* input, const int8_t* weights, const int32_t* bias,
                                    int8_t* output) {
  for (int32_t b = 0; b < dims.batches; ++b) {
    const int8_t* x = input + b * dims.accum_depth;
    for (int32_t c = 0; c < dims.output_depth; ++c) {
      int32_t acc =
          dot(x, weights + c * dims.accum_depth, dims.accum_depth, params.input_offset, 0);
      if (bias != nullptr) acc = wrapping_add(acc, bias[c]);
      output[b * dims.output_depth + c] = requantize(acc, multipliers[c], shifts[c], params);
    }
  }
}

}  // namespace tr::engine::reference
