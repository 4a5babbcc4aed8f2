// DEQUANTIZE: reference kernel over all 256 inputs against vectors/misc_vectors.json (the fact
// sheet's example included), compared bit for bit as float32; a one-op model and prepare errors.
#include <catch2/catch.hpp>
#include <cstring>

#include "builder/tflite_writer.h"
#include "engine/kernels/reference/dequantize_s8.h"
#include "misc_vectors.h"
#include "support/model_runner.h"

namespace {

namespace ref = tr::engine::reference;
using tr::workloads::TensorSpec;
using tr::workloads::TfliteType;
constexpr int32_t kDequantize = 6;

std::vector<uint32_t> bits_of(const std::vector<float>& values) {
  std::vector<uint32_t> out(values.size());
  std::memcpy(out.data(), values.data(), values.size() * sizeof(float));
  return out;
}

std::vector<uint8_t> dequantize_model(float scale, int64_t zero_point, TfliteType output_type) {
  tr::workloads::TfliteWriter w;
  const int in = w.add_int8("in", {256}, scale, zero_point);
  const int out = w.add_tensor(TensorSpec{"out", {256}, output_type, false, {}, {}});
  w.add_operator(kDequantize, {in}, {out});
  w.set_inputs({in});
  w.set_outputs({out});
  return w.build();
}

}  // namespace

TEST_CASE("DEQUANTIZE matches the fact sheet and the reference vectors bit for bit",
          "[dequantize]") {
  const std::vector<int8_t> x = tr::test::all_int8_values();
  for (const auto& c : tr::test::misc_cases("dequantize", 4)) {
    INFO("case " << c["name"].get<std::string>());
    std::vector<float> y(x.size());
    ref::dequantize_s8(c["scale"], c["zero_point"], static_cast<uint32_t>(x.size()), x.data(),
                       y.data());
    CHECK(bits_of(y) == bits_of(c["expected"].get<std::vector<float>>()));
  }
}

TEST_CASE("DEQUANTIZE runs as a one-op model", "[dequantize]") {
  const auto& c = tr::test::misc_cases("dequantize", 1)[0];
  tr::test::ModelRunner runner(dequantize_model(c["scale"], c["zero_point"], TfliteType::float32));
  const tr::Status s = runner.load();
  INFO(runner.err().c_str());
  REQUIRE(s == tr::Status::ok);
  const std::vector<int8_t> bytes = runner.run(tr::test::all_int8_values());
  REQUIRE(bytes.size() == 256 * sizeof(float));
  std::vector<float> y(256);
  std::memcpy(y.data(), bytes.data(), bytes.size());
  CHECK(bits_of(y) == bits_of(c["expected"].get<std::vector<float>>()));
}

TEST_CASE("DEQUANTIZE prepare rejects a non-float output", "[dequantize]") {
  tr::test::ModelRunner runner(dequantize_model(0.1f, 0, TfliteType::int8));
  CHECK(runner.load() == tr::Status::unsupported);
  CHECK_THAT(runner.err().c_str(),
             Catch::Contains("operator 0 (DEQUANTIZE): output tensor 1 is INT8, only FLOAT32"));
}
