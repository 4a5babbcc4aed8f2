// How the bytes of a dataset file become the model's int8 input tensor (the workload's
// `from_file`), done on the host so every board gets the same tensor bytes, and the real values
// those bytes stand for (what reconstruction-mse compares the output with).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "config/workload_spec.h"

namespace tr::dataset {

// Per-tensor int8 quantization: real = scale * (q - zero_point).
struct Quantization {
  float scale = 1.0f;
  std::int32_t zero_point = 0;
};

// Bytes of the file per element: 4 for float32-quantize, 2 for int16le-audio (a sample), else 1.
std::uint32_t element_bytes(config::FromFile from);

// The int8 tensor bytes of `bytes` (a whole number of elements). float32-quantize rounds
// x / scale half away from zero, adds the zero point and clamps to [-128, 127]. Throws
// std::invalid_argument naming the element index for a NaN, and for int16le-audio, which only
// the front end turns into a tensor (dataset/audio_frontend.h).
std::vector<std::uint8_t> to_input_tensor(std::span<const std::uint8_t> bytes,
                                          config::FromFile from, Quantization input);

// The real values `bytes` stand for: the floats themselves for float32-quantize (MLPerf AD
// scores against the file's floats), the samples for int16le-audio, else the dequantized int8
// tensor values.
std::vector<float> to_real_values(std::span<const std::uint8_t> bytes, config::FromFile from,
                                  Quantization input);

}  // namespace tr::dataset
