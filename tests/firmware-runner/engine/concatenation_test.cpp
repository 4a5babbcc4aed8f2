// CONCATENATION: reference kernel against vectors/misc_vectors.json (ranks 1-4, negative axes,
// up to six inputs), one-op models for the axis-0 cases and prepare errors.
#include <catch2/catch.hpp>

#include "builder/tflite_writer.h"
#include "engine/kernels/reference/concatenation_s8.h"
#include "misc_vectors.h"
#include "support/model_runner.h"

namespace {

namespace ref = tr::engine::reference;
constexpr int32_t kConcatenation = 2;

size_t normalized_axis(const nlohmann::json& c) {
  const auto rank = static_cast<int>(c["output_shape"].size());
  const int axis = c["axis"].get<int>();
  return static_cast<size_t>(axis < 0 ? axis + rank : axis);
}

// Input 0 is the graph input, the others constants; all share one quantization unless
// `input1_zero_point` says otherwise. Axis 0: the writer has no ConcatenationOptions.
std::vector<uint8_t> concat_model(const nlohmann::json& c, int64_t input1_zero_point = 5) {
  tr::workloads::TfliteWriter w;
  std::vector<int> inputs;
  for (size_t i = 0; i < c["shapes"].size(); ++i) {
    const std::vector<int8_t> data =
        i == 0 ? std::vector<int8_t>{} : tr::test::to_int8(c["inputs"][i]);
    inputs.push_back(w.add_int8("in" + std::to_string(i), c["shapes"][i], 0.25f,
                                i == 1 ? input1_zero_point : 5, data));
  }
  const int out = w.add_int8("out", c["output_shape"], 0.25f, 5);
  w.add_operator(kConcatenation, inputs, {out});
  w.set_inputs({inputs[0]});
  w.set_outputs({out});
  return w.build();
}

}  // namespace

TEST_CASE("CONCATENATION matches the independent reference vectors", "[concatenation]") {
  for (const auto& c : tr::test::misc_cases("concatenation", 10)) {
    INFO("case " << c["name"].get<std::string>());
    const auto out_shape = c["output_shape"].get<std::vector<uint32_t>>();
    const size_t axis = normalized_axis(c);
    uint32_t outer = 1;
    uint32_t inner = 1;
    for (size_t d = 0; d < out_shape.size(); ++d) {
      if (d < axis) outer *= out_shape[d];
      if (d > axis) inner *= out_shape[d];
    }
    std::vector<std::vector<int8_t>> data;
    std::vector<const int8_t*> pointers;
    std::vector<uint32_t> slices;
    for (size_t i = 0; i < c["inputs"].size(); ++i) {
      data.push_back(tr::test::to_int8(c["inputs"][i]));
      slices.push_back(c["shapes"][i][axis].get<uint32_t>() * inner);
    }
    for (const auto& d : data) pointers.push_back(d.data());
    std::vector<int8_t> y(c["expected"].size());
    ref::concatenation_s8(outer, static_cast<uint32_t>(data.size()), pointers.data(), slices.data(),
                          y.data());
    CHECK(tr::test::to_ints(y) == c["expected"].get<std::vector<int>>());
  }
}

TEST_CASE("CONCATENATION runs as a one-op model along axis 0", "[concatenation]") {
  size_t models = 0;
  for (const auto& c : tr::test::misc_cases("concatenation", 10)) {
    if (normalized_axis(c) != 0 || c["shapes"].size() > 6) continue;
    INFO("case " << c["name"].get<std::string>());
    tr::test::ModelRunner runner(concat_model(c));
    const tr::Status s = runner.load();
    INFO(runner.err().c_str());
    REQUIRE(s == tr::Status::ok);
    CHECK(tr::test::to_ints(runner.run(tr::test::to_int8(c["inputs"][0]))) ==
          c["expected"].get<std::vector<int>>());
    ++models;
  }
  CHECK(models >= 2);
}

TEST_CASE("CONCATENATION prepare names what is wrong", "[concatenation]") {
  nlohmann::json c;
  c["shapes"] = {{2, 3}, {1, 3}};
  c["inputs"] = {{1, 2, 3, 4, 5, 6}, {7, 8, 9}};
  c["output_shape"] = {3, 3};
  tr::test::ModelRunner requantizing(concat_model(c, 6));
  CHECK(requantizing.load() == tr::Status::unsupported);
  CHECK_THAT(
      requantizing.err().c_str(),
      Catch::Contains("operator 0 (CONCATENATION): input tensor 1: scale or zero point differs"));
  c["output_shape"] = {4, 3};
  tr::test::ModelRunner wrong_total(concat_model(c));
  CHECK(wrong_total.load() == tr::Status::bad_model);
  CHECK_THAT(wrong_total.err().c_str(), Catch::Contains("inputs add up to 3 along axis 0"));
  c["shapes"] = {{2, 3}, {1, 2}};
  c["inputs"] = {{1, 2, 3, 4, 5, 6}, {7, 8}};
  c["output_shape"] = {3, 3};
  tr::test::ModelRunner wrong_shape(concat_model(c));
  CHECK(wrong_shape.load() == tr::Status::bad_model);
  CHECK_THAT(wrong_shape.err().c_str(),
             Catch::Contains("input shape [1, 2] does not fit output [3, 3]"));
}
