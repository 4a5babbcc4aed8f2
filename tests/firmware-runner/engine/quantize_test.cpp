// QUANTIZE: float32 -> int8 (fact sheet examples, exact ties, out-of-range values) and int8 ->
// int8 (positive and large right shifts, a flushed multiplier) against
// vectors/misc_vectors.json, one-op models of both kinds and prepare errors.
#include <catch2/catch.hpp>
#include <cmath>
#include <cstring>

#include "builder/tflite_writer.h"
#include "engine/ops/quantize.h"
#include "misc_vectors.h"
#include "support/model_runner.h"

namespace {

namespace ref = tr::engine::reference;
using tr::workloads::TensorSpec;
using tr::workloads::TfliteType;
constexpr int32_t kQuantize = 114;

std::vector<uint8_t> quantize_model(TensorSpec input, std::vector<int32_t> shape, float scale,
                                    int64_t zero_point) {
  tr::workloads::TfliteWriter w;
  const int in = w.add_tensor(std::move(input));
  const int out = w.add_int8("out", std::move(shape), scale, zero_point);
  w.add_operator(kQuantize, {in}, {out});
  w.set_inputs({in});
  w.set_outputs({out});
  return w.build();
}

TensorSpec float_input(std::vector<int32_t> shape) {
  return TensorSpec{"in", std::move(shape), TfliteType::float32, false, {}, {}};
}

TensorSpec int8_input(std::vector<int32_t> shape, float scale, int64_t zero_point) {
  return TensorSpec{"in", std::move(shape), TfliteType::int8, true, {{scale}, {zero_point}, 0}, {}};
}

}  // namespace

TEST_CASE("QUANTIZE float32 -> int8 matches the fact sheet and the reference vectors",
          "[quantize]") {
  for (const auto& c : tr::test::misc_cases("quantize_float", 8)) {
    INFO("case " << c["name"].get<std::string>());
    const auto x = c["input"].get<std::vector<float>>();
    std::vector<int8_t> y(x.size());
    ref::quantize_f32_s8(c["scale"], c["zero_point"], static_cast<uint32_t>(x.size()), x.data(),
                         y.data());
    CHECK(tr::test::to_ints(y) == c["expected"].get<std::vector<int>>());
  }
}

TEST_CASE("QUANTIZE saturates infinities and maps NaN to the zero point", "[quantize]") {
  CHECK(ref::quantize_float_s8(INFINITY, 0.1f, 3) == 127);
  CHECK(ref::quantize_float_s8(-INFINITY, 0.1f, 3) == -128);
  CHECK(ref::quantize_float_s8(NAN, 0.1f, 3) == 3);
}

TEST_CASE("QUANTIZE int8 -> int8 matches the reference vectors", "[quantize]") {
  const std::vector<int8_t> x = tr::test::all_int8_values();
  for (const auto& c : tr::test::misc_cases("requantize", 6)) {
    INFO("case " << c["name"].get<std::string>());
    ref::RequantizeParams p;
    REQUIRE(tr::engine::requantize_params(c["input_scale"], c["input_zero_point"],
                                          c["output_scale"], c["output_zero_point"], p));
    CHECK(std::vector<int32_t>{p.multiplier, p.shift} == c["params"].get<std::vector<int32_t>>());
    std::vector<int8_t> y(x.size());
    ref::requantize_s8(p, static_cast<uint32_t>(x.size()), x.data(), y.data());
    CHECK(tr::test::to_ints(y) == c["expected"].get<std::vector<int>>());
  }
}

TEST_CASE("QUANTIZE runs as a one-op model from float32 and from int8", "[quantize]") {
  const auto& f = tr::test::misc_cases("quantize_float", 4)[3];
  const auto x = f["input"].get<std::vector<float>>();
  const auto n = static_cast<int32_t>(x.size());
  tr::test::ModelRunner from_float(
      quantize_model(float_input({n}), {n}, f["scale"], f["zero_point"]));
  tr::Status s = from_float.load();
  INFO(from_float.err().c_str());
  REQUIRE(s == tr::Status::ok);
  std::vector<int8_t> bytes(x.size() * sizeof(float));
  std::memcpy(bytes.data(), x.data(), bytes.size());
  CHECK(tr::test::to_ints(from_float.run(bytes)) == f["expected"].get<std::vector<int>>());

  const auto& r = tr::test::misc_cases("requantize", 3)[2];
  tr::test::ModelRunner from_int8(
      quantize_model(int8_input({16, 16}, r["input_scale"], r["input_zero_point"]), {16, 16},
                     r["output_scale"], r["output_zero_point"]));
  s = from_int8.load();
  INFO(from_int8.err().c_str());
  REQUIRE(s == tr::Status::ok);
  CHECK(tr::test::to_ints(from_int8.run(tr::test::all_int8_values())) ==
        r["expected"].get<std::vector<int>>());
}

TEST_CASE("QUANTIZE prepare names what is wrong", "[quantize]") {
  TensorSpec per_channel_out{"out", {2, 2}, TfliteType::int8, true, {{0.1f, 0.2f}, {0, 0}, 0}, {}};
  tr::workloads::TfliteWriter w;
  const int in = w.add_tensor(float_input({2, 2}));
  const int out = w.add_tensor(per_channel_out);
  w.add_operator(kQuantize, {in}, {out});
  w.set_inputs({in});
  w.set_outputs({out});
  tr::test::ModelRunner per_channel(w.build());
  CHECK(per_channel.load() == tr::Status::unsupported);
  CHECK_THAT(per_channel.err().c_str(),
             Catch::Contains("operator 0 (QUANTIZE): output tensor 1 has 2 scales"));

  TensorSpec int16_in{"in", {4}, TfliteType::int16, true, {{0.1f}, {0}, 0}, {}};
  tr::test::ModelRunner wrong_type(quantize_model(int16_in, {4}, 0.1f, 0));
  CHECK(wrong_type.load() == tr::Status::unsupported);
  CHECK_THAT(wrong_type.err().c_str(), Catch::Contains("input tensor 0 is INT16"));

  tr::test::ModelRunner wrong_shape(quantize_model(float_input({4}), {2, 2}, 0.1f, 0));
  CHECK(wrong_shape.load() == tr::Status::bad_model);
}
