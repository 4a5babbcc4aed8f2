#include "dataset/input_conversion.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <cstring>
#include <limits>

using namespace tr::dataset;
using tr::config::FromFile;

namespace {

std::vector<uint8_t> floats_le(const std::vector<float>& values) {
  std::vector<uint8_t> out;
  for (float f : values) {
    uint32_t bits;
    std::memcpy(&bits, &f, 4);
    for (int i = 0; i < 4; ++i) out.push_back(static_cast<uint8_t>(bits >> (8 * i)));
  }
  return out;
}

std::vector<int8_t> as_int8(const std::vector<uint8_t>& v) {
  return std::vector<int8_t>(v.begin(), v.end());
}

}  // namespace

TEST_CASE("int8 files are the tensor, uint8 images are shifted by 128", "[dataset][convert]") {
  const std::vector<uint8_t> bytes{0, 1, 127, 128, 200, 255};
  CHECK(to_input_tensor(bytes, FromFile::int8, {}) == bytes);
  CHECK(as_int8(to_input_tensor(bytes, FromFile::uint8_minus_128, {})) ==
        std::vector<int8_t>{-128, -127, -1, 0, 72, 127});
  CHECK(element_bytes(FromFile::uint8_minus_128) == 1);
}

TEST_CASE("float32 files are quantized half away from zero and clamped", "[dataset][convert]") {
  // scale 0.5, zero point 10: q = round(x / 0.5) + 10.
  const Quantization q{0.5f, 10};
  const auto bytes = floats_le({0.0f, 0.25f, -0.25f, 0.74f, 1.0f, 100.0f, -100.0f, -5.0f});
  CHECK(element_bytes(FromFile::float32_quantize) == 4);
  CHECK(as_int8(to_input_tensor(bytes, FromFile::float32_quantize, q)) ==
        std::vector<int8_t>{10, 11, 9, 11, 12, 127, -128, 0});
}

TEST_CASE("a NaN in a float file is refused with its index", "[dataset][convert]") {
  const auto bytes = floats_le({1.0f, std::numeric_limits<float>::quiet_NaN()});
  CHECK_THROWS_WITH(to_input_tensor(bytes, FromFile::float32_quantize, {0.5f, 0}),
                    Catch::Contains("value 1 is NaN"));
}

TEST_CASE("real values: the file's floats, or the dequantized tensor", "[dataset][convert]") {
  const auto floats = floats_le({0.3f, -2.5f});
  CHECK(to_real_values(floats, FromFile::float32_quantize, {0.5f, 10}) ==
        std::vector<float>{0.3f, -2.5f});
  // uint8 128 -> int8 0 -> 0.5 * (0 - (-128)) = 64; uint8 0 -> int8 -128 -> 0.
  CHECK(to_real_values(std::vector<uint8_t>{128, 0}, FromFile::uint8_minus_128, {0.5f, -128}) ==
        std::vector<float>{64.0f, 0.0f});
  CHECK(to_real_values(std::vector<uint8_t>{0xFF, 3}, FromFile::int8, {0.25f, 1}) ==
        std::vector<float>{-0.5f, 0.5f});
}
