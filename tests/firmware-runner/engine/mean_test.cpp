// MEAN: prepare math + reference kernel against vectors/misc_vectors.json (the fact sheet's
// double-rounding examples, any axes incl. negative and repeated ones, keep_dims, k clamped to
// 31 + S), one-op models and prepare errors.
#include <catch2/catch.hpp>

#include "builder/tflite_writer.h"
#include "engine/ops/mean.h"
#include "misc_vectors.h"
#include "support/model_runner.h"

namespace {

namespace ref = tr::engine::reference;
constexpr int32_t kMean = 40;

// keep_dims is false: the writer has no ReducerOptions.
std::vector<uint8_t> mean_model(const nlohmann::json& c, const std::vector<int32_t>& axes,
                                std::vector<int32_t> output_shape) {
  tr::workloads::TfliteWriter w;
  const int in = w.add_int8("in", c["input_shape"], c["input_scale"], c["input_zero_point"]);
  const int axis = w.add_int32("axis", {static_cast<int32_t>(axes.size())}, axes);
  const int out =
      w.add_int8("out", std::move(output_shape), c["output_scale"], c["output_zero_point"]);
  w.add_operator(kMean, {in, axis}, {out});
  w.set_inputs({in});
  w.set_outputs({out});
  return w.build();
}

}  // namespace

TEST_CASE("MEAN matches the fact sheet and the independent reference vectors", "[mean]") {
  for (const auto& c : tr::test::misc_cases("mean", 20)) {
    INFO("case " << c["name"].get<std::string>());
    ref::MeanParams p;
    REQUIRE(tr::engine::mean_params(c["input_scale"], c["input_zero_point"], c["output_scale"],
                                    c["output_zero_point"], p));
    CHECK(std::vector<int32_t>{p.multiplier, p.shift} == c["params"].get<std::vector<int32_t>>());
    const auto dims = c["input_shape"].get<std::vector<int32_t>>();
    const auto axes = c["axes"].get<std::vector<int32_t>>();
    ref::ReduceShape shape;
    REQUIRE(tr::engine::mean_shape(dims.data(), static_cast<int32_t>(dims.size()), axes.data(),
                                   static_cast<uint32_t>(axes.size()), shape));
    const auto x = tr::test::to_int8(c["input"]);
    std::vector<int8_t> y(shape.output_count());
    ref::mean_s8(p, shape, x.data(), y.data());
    CHECK(tr::test::to_ints(y) == c["expected"].get<std::vector<int>>());
  }
}

TEST_CASE("mean_multiplier rescales by 1/N as the fact sheet says", "[mean]") {
  int32_t m = 0;
  int32_t s = 0;
  ref::mean_multiplier(1073741824, 1, 4, m, s);  // k = 2: M' = 2^30, S' = -1
  CHECK(m == 1073741824);
  CHECK(s == -1);
  ref::mean_multiplier(1073741824, -28, 64, m, s);  // k = 6 clamped to 31 - 28 = 3
  CHECK(m == 1073741824 / 8);
  CHECK(s == -31);
  ref::mean_multiplier(1500000000, 0, 1, m, s);  // N = 1: unchanged
  CHECK(m == 1500000000);
  CHECK(s == 0);
}

TEST_CASE("MEAN runs as a one-op model", "[mean]") {
  size_t models = 0;
  for (const auto& c : tr::test::misc_cases("mean", 20)) {
    // An empty axis list cannot be a constant tensor (zero-length data means "no data").
    if (c["keep_dims"].get<bool>() || c["axes"].empty()) continue;
    INFO("case " << c["name"].get<std::string>());
    tr::test::ModelRunner runner(mean_model(c, c["axes"], c["output_shape"]));
    const tr::Status s = runner.load();
    INFO(runner.err().c_str());
    REQUIRE(s == tr::Status::ok);
    CHECK(tr::test::to_ints(runner.run(tr::test::to_int8(c["input"]))) ==
          c["expected"].get<std::vector<int>>());
    ++models;
  }
  CHECK(models >= 8);
}

TEST_CASE("MEAN prepare names what is wrong", "[mean]") {
  const nlohmann::json c = tr::test::misc_cases("mean", 1)[0];  // [4] over axis 0
  tr::test::ModelRunner bad_axis(mean_model(c, {1}, {}));
  CHECK(bad_axis.load() == tr::Status::bad_model);
  CHECK_THAT(bad_axis.err().c_str(), Catch::Contains("operator 0 (MEAN): an axis is outside"));
  tr::test::ModelRunner bad_output(mean_model(c, {0}, {1}));  // keep_dims false: rank 0
  CHECK(bad_output.load() == tr::Status::bad_model);
  CHECK_THAT(bad_output.err().c_str(), Catch::Contains("output shape [1] does not match"));
}
