// MUL: prepare math + reference kernel against vectors/misc_vectors.json (broadcasting,
// activations, a positive shift, large right shifts, a flushed multiplier), a one-op model and
// prepare errors.
#include <catch2/catch.hpp>

#include "builder/tflite_writer.h"
#include "engine/ops/broadcast.h"
#include "engine/ops/mul.h"
#include "misc_vectors.h"
#include "support/model_runner.h"

namespace {

namespace ref = tr::engine::reference;
constexpr int32_t kMul = 18;

std::vector<uint8_t> mul_model(const nlohmann::json& c) {
  tr::workloads::TfliteWriter w;
  const int a = w.add_int8("a", c["shape1"], c["scale1"], c["zero_point1"]);
  const int b =
      w.add_int8("b", c["shape2"], c["scale2"], c["zero_point2"], tr::test::to_int8(c["input2"]));
  const int out = w.add_int8("out", c["output_shape"], c["output_scale"], c["output_zero_point"]);
  w.add_operator(kMul, {a, b}, {out});
  w.set_inputs({a});
  w.set_outputs({out});
  return w.build();
}

}  // namespace

TEST_CASE("MUL matches the independent reference vectors", "[mul]") {
  size_t checked = 0;
  bool positive_shift = false;
  for (const auto& c : tr::test::misc_cases("mul", 25)) {
    INFO("case " << c["name"].get<std::string>());
    ref::MulParams p;
    REQUIRE(tr::engine::mul_params(c["scale1"], c["zero_point1"], c["scale2"], c["zero_point2"],
                                   c["output_scale"], c["output_zero_point"],
                                   tr::test::activation_code(c["activation"]), p));
    CHECK(std::vector<int32_t>{p.multiplier, p.shift} == c["params"].get<std::vector<int32_t>>());
    positive_shift = positive_shift || p.shift > 0;
    const auto a = c["shape1"].get<std::vector<int32_t>>();
    const auto b = c["shape2"].get<std::vector<int32_t>>();
    ref::BroadcastShape shape;
    REQUIRE(tr::engine::make_broadcast_shape(a.data(), static_cast<int>(a.size()), b.data(),
                                             static_cast<int>(b.size()), shape));
    const auto x1 = tr::test::to_int8(c["input1"]);
    const auto x2 = tr::test::to_int8(c["input2"]);
    std::vector<int8_t> y(shape.element_count());
    ref::mul_s8(p, shape, x1.data(), x2.data(), y.data());
    CHECK(tr::test::to_ints(y) == c["expected"].get<std::vector<int>>());
    checked += y.size();
  }
  CHECK(positive_shift);
  CHECK(checked > 500);
}

TEST_CASE("MUL runs as a one-op model", "[mul]") {
  size_t models = 0;
  for (const auto& c : tr::test::misc_cases("mul", 25)) {
    if (c["output_shape"] != c["shape1"] || c["activation"] != "NONE") continue;
    INFO("case " << c["name"].get<std::string>());
    tr::test::ModelRunner runner(mul_model(c));
    const tr::Status s = runner.load();
    INFO(runner.err().c_str());
    REQUIRE(s == tr::Status::ok);
    CHECK(tr::test::to_ints(runner.run(tr::test::to_int8(c["input1"]))) ==
          c["expected"].get<std::vector<int>>());
    ++models;
  }
  CHECK(models >= 3);
}

TEST_CASE("MUL prepare rejects an unrepresentable scale", "[mul]") {
  nlohmann::json c = tr::test::misc_cases("mul", 1)[0];
  c["output_scale"] = 1e-20f;  // s1 * s2 / s_out needs a left shift above 30
  tr::test::ModelRunner runner(mul_model(c));
  CHECK(runner.load() == tr::Status::bad_model);
  CHECK_THAT(runner.err().c_str(), Catch::Contains("operator 0 (MUL): effective scale"));
}
