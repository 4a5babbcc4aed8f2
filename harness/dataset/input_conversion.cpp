#include "dataset/input_conversion.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <stdexcept>

namespace tr::dataset {
namespace {

float read_float_le(const std::uint8_t* p) {
  const std::uint32_t bits = std::uint32_t{p[0]} | (std::uint32_t{p[1]} << 8) |
                             (std::uint32_t{p[2]} << 16) | (std::uint32_t{p[3]} << 24);
  float f;
  std::memcpy(&f, &bits, sizeof f);
  return f;
}

std::int8_t quantize(float x, Quantization q, std::size_t index) {
  if (std::isnan(x)) {
    throw std::invalid_argument("value " + std::to_string(index) + " is NaN");
  }
  const float steps = std::round(x / q.scale);  // half away from zero
  const float clamped = std::clamp(steps + static_cast<float>(q.zero_point), -128.0f, 127.0f);
  return static_cast<std::int8_t>(clamped);
}

std::int8_t tensor_value(std::uint8_t b, config::FromFile from) {
  if (from == config::FromFile::uint8_minus_128) return static_cast<std::int8_t>(int{b} - 128);
  return static_cast<std::int8_t>(b);
}

}  // namespace

std::uint32_t element_bytes(config::FromFile from) {
  switch (from) {
    case config::FromFile::float32_quantize:
      return 4;
    case config::FromFile::int16le_audio:
      return 2;
    case config::FromFile::int8:
    case config::FromFile::uint8_minus_128:
      break;
  }
  return 1;
}

std::vector<std::uint8_t> to_input_tensor(std::span<const std::uint8_t> bytes,
                                          config::FromFile from, Quantization input) {
  if (from == config::FromFile::int16le_audio) {
    throw std::invalid_argument("int16le-audio becomes a tensor through the mfcc front end only");
  }
  const std::size_t n = bytes.size() / element_bytes(from);
  std::vector<std::uint8_t> out(n);
  for (std::size_t i = 0; i < n; ++i) {
    const std::int8_t q = from == config::FromFile::float32_quantize
                              ? quantize(read_float_le(&bytes[4 * i]), input, i)
                              : tensor_value(bytes[i], from);
    out[i] = static_cast<std::uint8_t>(q);
  }
  return out;
}

std::vector<float> to_real_values(std::span<const std::uint8_t> bytes, config::FromFile from,
                                  Quantization input) {
  const std::size_t n = bytes.size() / element_bytes(from);
  std::vector<float> out(n);
  for (std::size_t i = 0; i < n; ++i) {
    if (from == config::FromFile::float32_quantize) {
      out[i] = read_float_le(&bytes[4 * i]);
    } else if (from == config::FromFile::int16le_audio) {
      out[i] = static_cast<float>(static_cast<std::int16_t>(
          static_cast<std::uint16_t>(bytes[2 * i] | bytes[2 * i + 1] << 8)));
    } else {
      out[i] =
          input.scale * static_cast<float>(int{tensor_value(bytes[i], from)} - input.zero_point);
    }
  }
  return out;
}

}  // namespace tr::dataset
