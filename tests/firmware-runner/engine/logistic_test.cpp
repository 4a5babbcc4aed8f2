// LOGISTIC: prepare math + reference kernel over all 256 inputs against
// vectors/misc_vectors.json (the fact sheet's s = 0.1 example, scales whose radius is 0, tiny
// scales), a one-op model and prepare errors.
#include <catch2/catch.hpp>

#include "builder/tflite_writer.h"
#include "engine/ops/logistic.h"
#include "misc_vectors.h"
#include "support/model_runner.h"

namespace {

namespace ref = tr::engine::reference;
constexpr int32_t kLogistic = 14;

std::vector<uint8_t> logistic_model(float scale, int64_t zero_point, int64_t output_zero_point) {
  tr::workloads::TfliteWriter w;
  const int in = w.add_int8("in", {16, 16}, scale, zero_point);
  const int out = w.add_int8("out", {16, 16}, 1.0f / 256.0f, output_zero_point);
  w.add_operator(kLogistic, {in}, {out});
  w.set_inputs({in});
  w.set_outputs({out});
  return w.build();
}

}  // namespace

TEST_CASE("LOGISTIC matches the fact sheet and the independent reference vectors", "[logistic]") {
  const std::vector<int8_t> x = tr::test::all_int8_values();
  for (const auto& c : tr::test::misc_cases("logistic", 8)) {
    INFO("case " << c["name"].get<std::string>());
    ref::LogisticParams p;
    REQUIRE(tr::engine::logistic_params(c["input_scale"], c["input_zero_point"], p));
    CHECK(std::vector<int32_t>{p.input_multiplier, p.input_left_shift, p.input_range_radius} ==
          c["params"].get<std::vector<int32_t>>());
    std::vector<int8_t> y(x.size());
    ref::logistic_s8(p, static_cast<uint32_t>(x.size()), x.data(), y.data());
    CHECK(tr::test::to_ints(y) == c["expected"].get<std::vector<int>>());
  }
}

TEST_CASE("LOGISTIC runs as a one-op model", "[logistic]") {
  const auto& c = tr::test::misc_cases("logistic", 1)[0];
  tr::test::ModelRunner runner(logistic_model(c["input_scale"], c["input_zero_point"], -128));
  const tr::Status s = runner.load();
  INFO(runner.err().c_str());
  REQUIRE(s == tr::Status::ok);
  CHECK(tr::test::to_ints(runner.run(tr::test::all_int8_values())) ==
        c["expected"].get<std::vector<int>>());
}

TEST_CASE("LOGISTIC prepare names what is wrong", "[logistic]") {
  tr::test::ModelRunner wrong_zero_point(logistic_model(0.1f, 0, 0));
  CHECK(wrong_zero_point.load() == tr::Status::unsupported);
  CHECK_THAT(wrong_zero_point.err().c_str(),
             Catch::Contains("operator 0 (LOGISTIC): output zero point 0 must be -128"));
  tr::test::ModelRunner tiny_scale(logistic_model(1e-10f, 0, -128));
  CHECK(tiny_scale.load() == tr::Status::unsupported);
  CHECK_THAT(tiny_scale.err().c_str(), Catch::Contains("2^-28"));
}
