// Dataset workloads prepared end to end on the host: inputs from .bin files, host outputs, the
// metric, and the checks of the declared tensors against the model.
#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>

#include "config/config_error.h"
#include "harness/run/scratch_dataset.h"
#include "run/prepared_suite.h"
#include "run/prepared_workload.h"
#include "support/test_paths.h"

using namespace tr;
using Catch::Matchers::Contains;
using nlohmann::json;

namespace {

json read_json(const std::filesystem::path& file) {
  std::ifstream in(file);
  return json::parse(in);
}

std::string prepare_error(const std::filesystem::path& file) {
  try {
    harness::prepare_workload(config::load_workload(file), test::source_dir());
  } catch (const config::ConfigError& e) {
    return e.what();
  }
  FAIL("expected a ConfigError");
  return {};
}

}  // namespace

TEST_CASE("a classifier dataset prepares windows, host outputs and top-1", "[workload][dataset]") {
  const auto dir = test::scratch_dir("dataset-workload");
  const auto s = test::write_scratch_classifier(dir, 9);
  const auto w = harness::prepare_workload(config::load_workload(s.workload), test::source_dir());
  REQUIRE(w.dataset);
  CHECK(w.inputs.size() == 9);
  CHECK(w.inputs[4].name == "f4.bin");
  CHECK(w.inputs[4].host_output.size() == 3);
  REQUIRE(w.host_accuracy);
  CHECK(w.host_accuracy->value == Approx(6.0 / 9.0));
  CHECK(w.host_accuracy->files == 9);
  // The same outputs scored again give the same figure; one changed output changes it.
  std::vector<std::vector<uint8_t>> outputs;
  for (const auto& in : w.inputs) outputs.push_back(in.host_output);
  CHECK(harness::score_outputs(w, outputs).value == w.host_accuracy->value);
}

TEST_CASE("a windowed float dataset gives one input per window", "[workload][dataset]") {
  const auto dir = test::scratch_dir("dataset-ae");
  const auto file = test::write_scratch_autoencoder(dir, 4);
  const auto w = harness::prepare_workload(config::load_workload(file), test::source_dir());
  CHECK(w.inputs.size() == 4 * 5);  // (96 - 32) / 16 + 1 windows per file
  CHECK(w.inputs[6].name == "rec1.bin#1");
  REQUIRE(w.host_accuracy);
  CHECK(w.host_accuracy->metric == config::Metric::roc_auc);
  CHECK(w.host_accuracy->value >= 0.0);
  CHECK(w.host_accuracy->value <= 1.0);
}

TEST_CASE("declared tensors must be the model's", "[workload][dataset]") {
  const auto dir = test::scratch_dir("dataset-tensors");
  const auto s = test::write_scratch_classifier(dir, 3);
  const auto good = read_json(s.workload);
  struct Case {
    std::string pointer;
    json value;
    std::string problem;
  };
  const std::vector<Case> cases = {
      {"/input/shape", json::array({1, 4, 4}), "/input/shape: declares [1, 4, 4]; the model's"},
      {"/input/zero_point", json(good["input"]["zero_point"].get<int>() + 1),
       "/input/zero_point: declares"},
      {"/input/scale", json(good["input"]["scale"].get<double>() * 1.01), "/input/scale: declares"},
      {"/output/scale", json(good["output"]["scale"].get<double>() * 0.9), "/output/scale"},
  };
  for (const auto& c : cases) {
    INFO(c.pointer);
    auto doc = good;
    doc[json::json_pointer(c.pointer)] = c.value;
    std::ofstream(s.workload) << doc.dump(2);
    const auto message = prepare_error(s.workload);
    CHECK_THAT(message, Contains(s.workload.string() + ": " + c.problem));
  }
}

TEST_CASE("suite subsets and --dataset reach the prepared workloads", "[workload][dataset]") {
  const auto dir = test::scratch_dir("dataset-suite");
  test::write_scratch_classifier(dir / "cls", 9);
  std::ofstream(dir / "suite.json") << R"({"name": "s", "workloads": [
      {"workload": "cls/workload.json", "subset": {"per_class": 1}}]})";
  const auto prepared =
      harness::prepare_suite(harness::load_suite(dir / "suite.json"), test::source_dir());
  REQUIRE(prepared.size() == 1);
  REQUIRE(prepared[0].dataset);
  CHECK(prepared[0].dataset->per_class == 1);
  CHECK(prepared[0].inputs.size() <= 3);
  CHECK(prepared[0].inputs.size() == prepared[0].dataset->files.size());

  // --dataset DIR overrides dataset.path; a folder without y_labels.csv is an error.
  const auto other = test::scratch_dir("dataset-suite-other");
  test::write_scratch_classifier(other, 6);
  const auto moved = harness::prepare_suite(harness::load_suite(dir / "suite.json"),
                                            test::source_dir(), other / "data");
  CHECK(moved[0].dataset->dir == other / "data");
  CHECK_THROWS_WITH(
      harness::prepare_suite(harness::load_suite(dir / "suite.json"), test::source_dir(), other),
      Contains("neither this folder nor its subfolder 'scratch-classifier'"));
}

TEST_CASE("a suite entry that cannot be prepared names the suite and the entry",
          "[workload][dataset]") {
  const auto dir = test::scratch_dir("dataset-suite-errors");
  test::write_scratch_classifier(dir / "cls", 3);
  std::ofstream(dir / "bad.tflite") << "not a model";
  std::ofstream(dir / "bad.json") << R"({"name": "bad", "model": {"file": "bad.tflite"},
      "inputs": [{"pattern": "P0"}], "infer": {"iterations": 1}})";
  const auto suite = dir / "suite.json";
  std::ofstream(suite) << R"({"name": "s", "workloads": [{"workload": "cls/workload.json"},
      {"workload": "bad.json", "subset": {"per_class": 2}}]})";
  CHECK_THROWS_WITH(
      harness::prepare_suite(harness::load_suite(suite), test::source_dir()),
      Contains(suite.string() + ": /workloads/1/subset: workload bad has no dataset"));
  std::ofstream(suite) << R"({"name": "s", "workloads": [{"workload": "bad.json"}]})";
  CHECK_THROWS_WITH(
      harness::prepare_suite(harness::load_suite(suite), test::source_dir()),
      Contains(suite.string() + ": /workloads/0/workload: ") && Contains("model rejected"));
}
