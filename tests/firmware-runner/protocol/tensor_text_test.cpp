#include "protocol/tensor_text.h"

#include <catch2/catch.hpp>
#include <cstring>
#include <string>
#include <vector>

#include "fake_platform.h"

using tr::engine::TensorType;
using tr::engine::TensorView;
using tr::fw::OutputWriter;
using tr::fw::test::FakeConsole;

namespace {

template <typename T>
std::string values(TensorType type, std::vector<T> v, float scale, int32_t zp) {
  TensorView t;
  t.type = type;
  t.scale = scale;
  t.zero_point = zp;
  t.bytes = static_cast<uint32_t>(v.size() * sizeof(T));
  // An odd offset: the printer must not assume alignment.
  std::vector<uint8_t> mem(t.bytes + 1);
  if (t.bytes > 0) std::memcpy(mem.data() + 1, v.data(), t.bytes);
  t.data = mem.data() + 1;
  FakeConsole c;
  OutputWriter w(c);
  tr::fw::put_tensor_values(w, t);
  w.end_line();
  return c.text.substr(0, c.text.size() - 2);
}

}  // namespace

TEST_CASE("quantized values are dequantized with 3 decimals", "[protocol][tensor_text]") {
  CHECK(values<int8_t>(TensorType::int8, {-128, -1, 127}, 1.0f / 256, -128) == "0.000,0.496,0.996");
  CHECK(values<uint8_t>(TensorType::uint8, {0, 96, 255}, 0.364498f, 96) == "-34.992,0.000,57.955");
  CHECK(values<int16_t>(TensorType::int16, {-32768, 1000}, 0.001f, 0) == "-32.768,1.000");
  CHECK(values<int32_t>(TensorType::int32, {2000000, -5}, 0.5f, 0) == "1000000.000,-2.500");
}

TEST_CASE("unquantized values print raw, floats with 3 decimals", "[protocol][tensor_text]") {
  CHECK(values<int8_t>(TensorType::int8, {-128, 0, 127}, 0.0f, 7) == "-128,0,127");
  CHECK(values<int32_t>(TensorType::int32, {-2147483647 - 1}, 0.0f, 0) == "-2147483648");
  CHECK(values<float>(TensorType::float32, {0.0005f, -0.75f}, 0.0f, 0) == "0.001,-0.750");
  CHECK(values<int8_t>(TensorType::int8, {}, 1.0f, 0).empty());
}

TEST_CASE("tensor descriptions", "[protocol][tensor_text]") {
  TensorView t;
  t.type = TensorType::int16;
  t.rank = 3;
  t.dims[0] = 1;
  t.dims[1] = 30;
  t.dims[2] = 40;
  t.bytes = 2400;
  t.scale = 0.00370104f;
  t.zero_point = -128;
  FakeConsole c;
  OutputWriter w(c);
  tr::fw::put_tensor_info(w, t);
  w.end_line();
  CHECK(c.text == "int16,1x30x40,2400,0.003701,-128\r\n");
  CHECK(std::string(tr::fw::tensor_type_name(static_cast<TensorType>(77))) == "unknown");
  CHECK(tr::fw::tensor_element_size(static_cast<TensorType>(77)) == 0);
}
