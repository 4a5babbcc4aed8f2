#include "protocol/tensor_text.h"

#include <cstring>

namespace tr::fw {
namespace {

using engine::TensorType;

// Reads element i as an integer (memcpy: output data need not be aligned for its type).
int64_t read_int(const engine::TensorView& t, uint32_t i) {
  const uint8_t* p = t.data + size_t{i} * tensor_element_size(t.type);
  switch (t.type) {
    case TensorType::int8:
      return static_cast<int8_t>(p[0]);
    case TensorType::uint8:
      return p[0];
    case TensorType::int16: {
      int16_t v;
      std::memcpy(&v, p, sizeof v);
      return v;
    }
    case TensorType::int32: {
      int32_t v;
      std::memcpy(&v, p, sizeof v);
      return v;
    }
    case TensorType::int64: {
      int64_t v;
      std::memcpy(&v, p, sizeof v);
      return v;
    }
    case TensorType::float32:
      break;
  }
  return 0;
}

float read_float(const engine::TensorView& t, uint32_t i) {
  float v;
  std::memcpy(&v, t.data + i * sizeof(float), sizeof v);
  return v;
}

}  // namespace

const char* tensor_type_name(TensorType type) {
  switch (type) {
    case TensorType::float32:
      return "float32";
    case TensorType::int32:
      return "int32";
    case TensorType::uint8:
      return "uint8";
    case TensorType::int64:
      return "int64";
    case TensorType::int16:
      return "int16";
    case TensorType::int8:
      return "int8";
  }
  return "unknown";
}

uint32_t tensor_element_size(TensorType type) {
  switch (type) {
    case TensorType::int8:
    case TensorType::uint8:
      return 1;
    case TensorType::int16:
      return 2;
    case TensorType::int32:
    case TensorType::float32:
      return 4;
    case TensorType::int64:
      return 8;
  }
  return 0;
}

void put_tensor_info(OutputWriter& out, const engine::TensorView& t) {
  out.put(tensor_type_name(t.type)).put_char(',');
  for (int i = 0; i < t.rank && i < engine::kMaxRank; ++i) {
    if (i > 0) out.put_char('x');
    out.put_int(t.dims[i]);
  }
  out.put_char(',').put_uint(t.bytes).put_char(',').put_fixed(t.scale, 6);
  out.put_char(',').put_int(t.zero_point);
}

void put_tensor_values(OutputWriter& out, const engine::TensorView& t) {
  uint32_t size = tensor_element_size(t.type);
  if (size == 0 || t.data == nullptr) return;
  uint32_t count = t.bytes / size;
  for (uint32_t i = 0; i < count; ++i) {
    if (i > 0) out.put_char(',');
    if (t.type == TensorType::float32) {
      out.put_fixed(read_float(t, i), 3);
    } else if (t.scale != 0.0f) {
      int64_t q = read_int(t, i) - t.zero_point;
      out.put_fixed(t.scale * static_cast<float>(q), 3);
    } else {
      out.put_int(read_int(t, i));
    }
  }
}

void put_hex_bytes(OutputWriter& out, const uint8_t* data, size_t n) {
  for (size_t i = 0; i < n; ++i) out.put_hex_byte(data[i]);
}

}  // namespace tr::fw
