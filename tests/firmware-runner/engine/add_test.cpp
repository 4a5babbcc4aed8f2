// ADD: prepare math + reference kernel against vectors/misc_vectors.json (broadcasting,
// activations, large right shifts, a flushed output multiplier, the fact sheet's IC example),
// one-op models through the interpreter, and prepare errors.
#include <catch2/catch.hpp>

#include "builder/tflite_writer.h"
#include "engine/ops/add.h"
#include "engine/ops/broadcast.h"
#include "misc_vectors.h"
#include "support/model_runner.h"

namespace {

namespace ref = tr::engine::reference;
constexpr int32_t kAdd = 0;

ref::BroadcastShape shape_of(const nlohmann::json& c) {
  const auto a = c["shape1"].get<std::vector<int32_t>>();
  const auto b = c["shape2"].get<std::vector<int32_t>>();
  ref::BroadcastShape s;
  REQUIRE(tr::engine::make_broadcast_shape(a.data(), static_cast<int>(a.size()), b.data(),
                                           static_cast<int>(b.size()), s));
  return s;
}

// input 1 is the graph input, input 2 a constant.
std::vector<uint8_t> add_model(const nlohmann::json& c, std::vector<int32_t> output_shape) {
  tr::workloads::TfliteWriter w;
  const int a = w.add_int8("a", c["shape1"], c["scale1"], c["zero_point1"]);
  const int b =
      w.add_int8("b", c["shape2"], c["scale2"], c["zero_point2"], tr::test::to_int8(c["input2"]));
  const int out =
      w.add_int8("out", std::move(output_shape), c["output_scale"], c["output_zero_point"]);
  w.add_operator(kAdd, {a, b}, {out});
  w.set_inputs({a});
  w.set_outputs({out});
  return w.build();
}

}  // namespace

TEST_CASE("ADD matches the independent reference vectors", "[add]") {
  size_t checked = 0;
  for (const auto& c : tr::test::misc_cases("add", 25)) {
    INFO("case " << c["name"].get<std::string>());
    ref::AddParams p;
    REQUIRE(tr::engine::add_params(c["scale1"], c["zero_point1"], c["scale2"], c["zero_point2"],
                                   c["output_scale"], c["output_zero_point"],
                                   tr::test::activation_code(c["activation"]), p));
    const auto& want = c["params"];
    CHECK(std::vector<int32_t>{p.input1_multiplier, p.input1_shift} ==
          want[0].get<std::vector<int32_t>>());
    CHECK(std::vector<int32_t>{p.input2_multiplier, p.input2_shift} ==
          want[1].get<std::vector<int32_t>>());
    CHECK(std::vector<int32_t>{p.output_multiplier, p.output_shift} ==
          want[2].get<std::vector<int32_t>>());
    const ref::BroadcastShape shape = shape_of(c);
    const auto x1 = tr::test::to_int8(c["input1"]);
    const auto x2 = tr::test::to_int8(c["input2"]);
    std::vector<int8_t> y(shape.element_count());
    ref::add_s8(p, shape, x1.data(), x2.data(), y.data());
    CHECK(tr::test::to_ints(y) == c["expected"].get<std::vector<int>>());
    checked += y.size();
  }
  CHECK(checked > 500);
}

TEST_CASE("ADD runs as a one-op model, broadcasting a constant", "[add]") {
  size_t models = 0;
  for (const auto& c : tr::test::misc_cases("add", 25)) {
    // Only cases whose output has input 1's shape: input 1 is the graph input.
    if (c["output_shape"] != c["shape1"] || c["activation"] != "NONE") continue;
    INFO("case " << c["name"].get<std::string>());
    tr::test::ModelRunner runner(add_model(c, c["output_shape"]));
    const tr::Status s = runner.load();
    INFO(runner.err().c_str());
    REQUIRE(s == tr::Status::ok);
    CHECK(tr::test::to_ints(runner.run(tr::test::to_int8(c["input1"]))) ==
          c["expected"].get<std::vector<int>>());
    ++models;
  }
  CHECK(models >= 3);
}

TEST_CASE("ADD prepare names what is wrong", "[add]") {
  nlohmann::json c = tr::test::misc_cases("add", 1)[0];
  c["shape1"] = {2, 3};
  c["shape2"] = {4};
  c["input2"] = {1, 2, 3, 4};
  tr::test::ModelRunner no_broadcast(add_model(c, {2, 3}));
  CHECK(no_broadcast.load() == tr::Status::bad_model);
  CHECK_THAT(no_broadcast.err().c_str(),
             Catch::Contains("operator 0 (ADD): input shapes [2, 3] and [4] do not broadcast"));

  c["shape2"] = {3};
  c["input2"] = {1, 2, 3};
  tr::test::ModelRunner wrong_output(add_model(c, {3, 2}));
  CHECK(wrong_output.load() == tr::Status::bad_model);
  CHECK_THAT(wrong_output.err().c_str(),
             Catch::Contains("output shape [3, 2] is not the broadcast"));

  c["output_scale"] = 1e-8f;  // 2 * max(s1, s2) / (2^20 * s_out) >= 1
  tr::test::ModelRunner tiny_scale(add_model(c, {2, 3}));
  CHECK(tiny_scale.load() == tr::Status::bad_model);
  CHECK_THAT(tiny_scale.err().c_str(), Catch::Contains("operator 0 (ADD): output scale too small"));
}

TEST_CASE("broadcast shapes follow NumPy rules", "[add]") {
  const int32_t a[] = {2, 1, 4};
  const int32_t b[] = {3, 1};
  ref::BroadcastShape s;
  REQUIRE(tr::engine::make_broadcast_shape(a, 3, b, 2, s));
  CHECK(s.rank == 3);
  CHECK(std::vector<int32_t>(s.dims, s.dims + 3) == std::vector<int32_t>{2, 3, 4});
  CHECK(std::vector<int32_t>(s.strides1, s.strides1 + 3) == std::vector<int32_t>{4, 0, 1});
  CHECK(std::vector<int32_t>(s.strides2, s.strides2 + 3) == std::vector<int32_t>{0, 1, 0});
  REQUIRE(tr::engine::make_broadcast_shape(a, 3, a, 3, s));
  CHECK(s.rank == 1);  // equal shapes collapse to one flat dimension
  CHECK(s.dims[0] == 8);
  const int32_t c[] = {3};
  CHECK_FALSE(tr::engine::make_broadcast_shape(a, 3, c, 1, s));
}
