#include "engine/graph.h"

#include <cstring>

namespace tr::engine {

float Tensor::channel_scale(const uint8_t* model, uint32_t c) const {
  if (!scales.present || c >= scales.count) return scale;
  float v;
  std::memcpy(&v, model + scales.pos + size_t{4} * c, sizeof v);
  return v;
}

int32_t Tensor::channel_zero_point(const uint8_t* model, uint32_t c) const {
  // Fewer zero points than scales: TFLM uses element 0 for every channel.
  if (!zero_points.present || c >= zero_points.count) return zero_point;
  int64_t v;
  std::memcpy(&v, model + zero_points.pos + size_t{8} * c, sizeof v);
  return static_cast<int32_t>(v);
}

}  // namespace tr::engine
