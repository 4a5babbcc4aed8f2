// AVERAGE_POOL_2D and MAX_POOL_2D: prepare math + reference kernels against
// vectors/misc_vectors.json, and the prepare errors of a one-op model.
#include <catch2/catch.hpp>

#include "builder/tflite_writer.h"
#include "engine/kernels/reference/average_pool_2d_s8.h"
#include "engine/kernels/reference/max_pool_2d_s8.h"
#include "engine/ops/pool_2d_common.h"
#include "misc_vectors.h"
#include "support/model_runner.h"

namespace {

using tr::engine::Padding;
namespace ref = tr::engine::reference;

std::vector<int8_t> run_case(const nlohmann::json& c) {
  tr::engine::Pool2dOptions o;
  o.padding = c["padding"] == "SAME" ? Padding::same : Padding::valid;
  o.filter_h = c["filter"][0];
  o.filter_w = c["filter"][1];
  o.stride_h = c["stride"][0];
  o.stride_w = c["stride"][1];
  o.activation = tr::test::activation_code(c["activation"]);
  const auto in_shape = c["input_shape"].get<std::vector<int32_t>>();
  const auto out_shape = c["output_shape"].get<std::vector<int32_t>>();
  ref::Pool2dParams p;
  int32_t oh = 0;
  int32_t ow = 0;
  REQUIRE(tr::engine::pool_2d_params(o, in_shape[1], in_shape[2], c["scale"].get<float>(),
                                     c["zero_point"].get<int32_t>(), p, oh, ow));
  CHECK(oh == out_shape[1]);
  CHECK(ow == out_shape[2]);
  const ref::Pool2dDims d{in_shape[0], in_shape[1], in_shape[2], in_shape[3], oh, ow};
  const std::vector<int8_t> x = tr::test::to_int8(c["input"]);
  std::vector<int8_t> y(static_cast<size_t>(d.batches * oh * ow * d.channels));
  if (c["kind"] == "average") {
    ref::average_pool_2d_s8(p, d, x.data(), y.data());
  } else {
    ref::max_pool_2d_s8(p, d, x.data(), y.data());
  }
  return y;
}

// A one-op pooling model without options (the writer has no Pool2DOptions).
std::vector<uint8_t> pool_model(int32_t code, int64_t output_zero_point) {
  tr::workloads::TfliteWriter w;
  const int in = w.add_int8("input", {1, 4, 4, 2}, 0.1f, 3);
  const int out = w.add_int8("output", {1, 2, 2, 2}, 0.1f, output_zero_point);
  w.add_operator(code, {in}, {out});
  w.set_inputs({in});
  w.set_outputs({out});
  return w.build();
}

}  // namespace

TEST_CASE("average pooling rounds half away from zero (fact sheet examples)", "[pool]") {
  const auto& examples = tr::test::misc_cases("average_rounding", 9);
  for (const auto& e : examples) {
    INFO("sum " << e[0] << " count " << e[1]);
    CHECK(ref::rounded_average(e[0], e[1]) == e[2].get<int32_t>());
  }
}

TEST_CASE("pooling kernels match the independent reference vectors", "[pool]") {
  size_t average = 0;
  size_t max = 0;
  for (const auto& c : tr::test::misc_cases("pool", 20)) {
    INFO("case " << c["name"].get<std::string>());
    CHECK(tr::test::to_ints(run_case(c)) == c["expected"].get<std::vector<int>>());
    (c["kind"] == "average" ? average : max) += 1;
  }
  CHECK(average >= 10);
  CHECK(max >= 10);
}

TEST_CASE("pooling prepare names what is wrong", "[pool]") {
  for (const int32_t code : {1, 17}) {  // AVERAGE_POOL_2D, MAX_POOL_2D
    INFO("code " << code);
    tr::test::ModelRunner no_options(pool_model(code, 3));
    CHECK(no_options.load() == tr::Status::bad_model);
    CHECK_THAT(no_options.err().c_str(), Catch::Contains("operator 0 (") &&
                                             Catch::Contains("POOL_2D): filter 0x0") &&
                                             Catch::Contains("missing Pool2DOptions"));
    tr::test::ModelRunner requantizing(pool_model(code, 4));
    CHECK(requantizing.load() == tr::Status::bad_model);
    CHECK_THAT(requantizing.err().c_str(), Catch::Contains("quantization differ"));
  }
}

TEST_CASE("pool_2d_params rejects windows that do not fit", "[pool]") {
  tr::engine::Pool2dOptions o;
  o.padding = Padding::valid;
  o.filter_h = o.filter_w = 5;
  o.stride_h = o.stride_w = 1;
  ref::Pool2dParams p;
  int32_t oh = 0;
  int32_t ow = 0;
  CHECK_FALSE(tr::engine::pool_2d_params(o, 4, 8, 0.1f, 0, p, oh, ow));
  o.padding = Padding::same;
  REQUIRE(tr::engine::pool_2d_params(o, 4, 8, 0.1f, 0, p, oh, ow));
  CHECK(oh == 4);
  CHECK(ow == 8);
  CHECK(p.pad_top == 2);
  o.stride_h = 0;
  CHECK_FALSE(tr::engine::pool_2d_params(o, 4, 8, 0.1f, 0, p, oh, ow));
}
