#include "protocol/standard_dut.h"

#include <cmath>
#include <cstring>

namespace tr::fw {
namespace {

bool same(const char* a, const char* b) {
  return std::strcmp(a, b) == 0;
}

float read_float_le(const uint8_t* p) {
  const uint32_t bits =
      uint32_t{p[0]} | (uint32_t{p[1]} << 8) | (uint32_t{p[2]} << 16) | (uint32_t{p[3]} << 24);
  float f;
  std::memcpy(&f, &bits, sizeof f);
  return f;
}

int8_t quantize(float x, float scale, int32_t zero_point) {
  if (x != x) return static_cast<int8_t>(zero_point);  // NaN
  if (!(scale > 0.0f)) scale = 1.0f;                   // an unquantized input: steps of 1
  float q = std::round(x / scale) + static_cast<float>(zero_point);
  if (q < -128.0f) q = -128.0f;
  if (q > 127.0f) q = 127.0f;
  return static_cast<int8_t>(q);
}

}  // namespace

StandardDut standard_dut_for(const char* model_id) {
  StandardDut dut;
  dut.model_id = model_id;
  if (same(model_id, "ad01")) {
    dut.input = DbEncoding::float32_quantize;
    dut.results = ResultKind::reconstruction_mse;
  } else if (same(model_id, "vww01") || same(model_id, "ic01") || same(model_id, "ic02")) {
    dut.input = DbEncoding::uint8_minus_128;
  }
  return dut;
}

uint32_t db_bytes_per_element(DbEncoding encoding) {
  return encoding == DbEncoding::float32_quantize ? 4 : 1;
}

void decode_db_input(DbEncoding encoding, const uint8_t* db, const engine::TensorView& input) {
  switch (encoding) {
    case DbEncoding::int8:
      if (input.data != db) std::memcpy(input.data, db, input.bytes);
      return;
    case DbEncoding::uint8_minus_128:
      for (uint32_t i = 0; i < input.bytes; ++i) input.data[i] = static_cast<uint8_t>(db[i] ^ 0x80);
      return;
    case DbEncoding::float32_quantize:
      for (uint32_t i = 0; i < input.bytes; ++i) {
        int8_t q = quantize(read_float_le(db + 4 * i), input.scale, input.zero_point);
        input.data[i] = static_cast<uint8_t>(q);
      }
      return;
  }
}

float reconstruction_mse(const engine::TensorView& output, const uint8_t* db, uint32_t db_values) {
  const uint32_t n = output.bytes < db_values ? output.bytes : db_values;
  if (n == 0 || output.data == nullptr) return 0.0f;
  float sum = 0.0f;
  for (uint32_t i = 0; i < n; ++i) {
    const int32_t q = static_cast<int8_t>(output.data[i]);
    const float value = output.scale * static_cast<float>(q - output.zero_point);
    const float diff = value - read_float_le(db + 4 * i);
    sum += diff * diff;
  }
  return sum / static_cast<float>(n);
}

}  // namespace tr::fw
