// FULLY_CONNECTED against vectors/fc_vectors.json, produced by vectors/make_fc_vectors.py from
// the quantization fact sheet (not from this code). Each case runs as a one-op model.
#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>

#include "builder/tflite_writer.h"
#include "support/model_runner.h"
#include "support/test_paths.h"

namespace {

using tr::workloads::FusedActivation;
using tr::workloads::TensorSpec;
using tr::workloads::TfliteType;
using tr::workloads::TfliteWriter;

FusedActivation parse_activation(const std::string& s) {
  if (s == "RELU") return FusedActivation::relu;
  if (s == "RELU6") return FusedActivation::relu6;
  if (s == "RELU_N1_TO_1") return FusedActivation::relu_n1_to_1;
  REQUIRE(s == "NONE");
  return FusedActivation::none;
}

std::vector<uint8_t> build_case_model(const nlohmann::json& c) {
  TfliteWriter w;
  const int in = w.add_int8("input", c["input_shape"].get<std::vector<int32_t>>(),
                            c["input_scale"].get<float>(), c["input_zero_point"].get<int64_t>());
  const auto depth = c["accum_depth"].get<int32_t>();
  const auto outputs = c["output_depth"].get<int32_t>();
  TensorSpec weights{"weights", {outputs, depth}, TfliteType::int8, true, {}, {}};
  weights.quantization.scales = c["weight_scales"].get<std::vector<float>>();
  weights.quantization.zero_points.assign(weights.quantization.scales.size(), 0);
  for (int v : c["weights"]) weights.data.push_back(static_cast<uint8_t>(static_cast<int8_t>(v)));
  const int wt = w.add_tensor(weights);
  int bias = -1;
  if (!c["bias"].is_null()) {
    bias = w.add_int32("bias", {outputs}, c["bias"].get<std::vector<int32_t>>(),
                       c["bias_scales"].get<std::vector<float>>());
  }
  const int out = w.add_int8("output", c["output_shape"].get<std::vector<int32_t>>(),
                             c["output_scale"].get<float>(), c["output_zero_point"].get<int64_t>());
  w.add_fully_connected(in, wt, bias, out, parse_activation(c["activation"]),
                        c["keep_num_dims"].get<bool>());
  w.set_inputs({in});
  w.set_outputs({out});
  return w.build();
}

}  // namespace

TEST_CASE("FULLY_CONNECTED matches the independent reference vectors bit for bit", "[fc]") {
  const auto path = tr::test::source_dir() / "tests/firmware-runner/engine/vectors/fc_vectors.json";
  std::ifstream in(path);
  REQUIRE(in.good());
  const nlohmann::json doc = nlohmann::json::parse(in);
  const auto& cases = doc["cases"];
  REQUIRE(cases.size() >= 30);
  size_t checked = 0;
  for (const auto& c : cases) {
    INFO("case " << c["name"].get<std::string>());
    tr::test::ModelRunner runner(build_case_model(c));
    const tr::Status s = runner.load();
    INFO(runner.err().c_str());
    REQUIRE(s == tr::Status::ok);
    std::vector<int8_t> input;
    for (int v : c["input"]) input.push_back(static_cast<int8_t>(v));
    const auto expected = c["expected"].get<std::vector<int>>();
    const std::vector<int8_t> got = runner.run(input);
    REQUIRE(got.size() == expected.size());
    for (size_t i = 0; i < got.size(); ++i) {
      INFO("output " << i);
      CHECK(static_cast<int>(got[i]) == expected[i]);
    }
    checked += got.size();
  }
  CHECK(checked > 400);
}
