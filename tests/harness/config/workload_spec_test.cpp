#include "config/workload_spec.h"

#include <catch2/catch.hpp>
#include <optional>
#include <string>

#include "config_test_support.h"
#include "support/test_paths.h"

using namespace tr::config;
using namespace tr::config::test;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;
using nlohmann::json;

namespace {

std::filesystem::path smoke() {
  return tr::test::source_dir() / "workloads" / "ad01-smoke" / "workload.json";
}

std::string error_after_edit(const std::string& pointer, const std::optional<json>& value,
                             std::filesystem::path& file) {
  auto doc = read_json(smoke());
  edit(doc, pointer, value);
  file = write_json(tr::test::scratch_dir("workload") / "workload.json", doc);
  return config_error([&] { load_workload(file); });
}

}  // namespace

TEST_CASE("the committed ad01-smoke workload loads", "[config][workload]") {
  const auto w = load_workload(smoke());
  CHECK(w.name == "ad01-smoke");
  CHECK(w.model.mlperf == "ad01_int8.tflite");
  CHECK(w.model.sha256 == "87cf24194ef93d1d9b11a591d805526b98008e351655d29883c825c9c106ba24");
  REQUIRE(w.model.fallback);
  CHECK(w.model.fallback->builder == "fc-stack");
  CHECK(w.model.fallback->seed == 1);
  CHECK(w.model.fallback->layers ==
        std::vector<std::uint32_t>{640, 128, 128, 128, 128, 8, 128, 128, 128, 128, 640});
  REQUIRE(w.inputs.size() == 5);
  CHECK(w.inputs[0].kind == InputSpec::Kind::pattern);
  CHECK(w.inputs[2].pattern == InputPattern::p2);
  CHECK(std::string(to_string(w.inputs[1].pattern)) == "P1");
  CHECK(w.inputs[4].kind == InputSpec::Kind::random);
  CHECK(w.inputs[4].seed == 2);
  CHECK(w.infer.iterations == 4);
  CHECK(w.infer.warmup == 1);
}

TEST_CASE("relative paths resolve against the workload folder", "[config][workload]") {
  const auto dir = tr::test::scratch_dir("workload");
  const auto file = write_json(
      dir / "w" / "workload.json",
      json{{"name", "local"},
           {"model", {{"file", "../models/m.tflite"}}},
           {"inputs", json::array({{{"file", "inputs/0.bin"}}, {{"file", "/abs/1.bin"}}})},
           {"infer", {{"iterations", 1}}}});
  const auto w = load_workload(file);
  CHECK(*w.model.file == (std::filesystem::absolute(dir) / "models" / "m.tflite"));
  CHECK(w.inputs[0].kind == InputSpec::Kind::file);
  CHECK(w.inputs[0].file == std::filesystem::absolute(dir) / "w" / "inputs" / "0.bin");
  CHECK(w.inputs[1].file == "/abs/1.bin");
  CHECK(w.infer.warmup == 0);
}

TEST_CASE("workload errors name the file and the JSON pointer", "[config][workload]") {
  struct Case {
    std::string pointer;
    std::optional<json> value;
    std::string location;
    std::string problem;
  };
  const std::vector<Case> cases = {
      {"/model", json{{"sha256", std::string(64, 'a')}}, "/model/sha256", "sha256 needs a model"},
      {"/model", json::object(), "/model", "needs at least one of 'mlperf', 'file' or 'fallback'"},
      {"/model/sha256", json("87CF"), "/model/sha256", "is not a SHA-256"},
      {"/model/mlperf", json("../x.tflite"), "/model/mlperf", "must be a plain file name"},
      {"/model/fallback/builder", json("conv-net"), "/model/fallback/builder",
       "unknown builder 'conv-net' (known: fc-stack)"},
      {"/model/fallback/layers", json::array({640}), "/model/fallback/layers",
       "at least 2 layer widths"},
      {"/model/fallback/layers/3", json(0), "/model/fallback/layers/3", "out of range"},
      {"/inputs/1/pattern", json("P3"), "/inputs/1/pattern",
       "unknown input pattern 'P3' (known: P0, P1, P2)"},
      {"/inputs/3/random/seed", json("one"), "/inputs/3/random/seed", "expected an integer"},
      {"/inputs/3/random/sede", json(1), "/inputs/3/random/sede",
       "unknown key 'sede' (allowed: seed)"},
      {"/inputs/0/random", json{{"seed", 1}}, "/inputs/0", "exactly one of"},
      {"/inputs/0", json::object(), "/inputs/0", "exactly one of"},
      {"/inputs", json::array(), "/inputs", "at least one input"},
      {"/infer/iterations", json(0), "/infer/iterations", "value 0 is out of range"},
      {"/infer/warmup", json(-1), "/infer/warmup", "value -1 is out of range"},
      {"/infer/iterations", std::nullopt, "/infer", "missing required key 'iterations'"},
      {"/infer/repeat", json(2), "/infer/repeat", "unknown key 'repeat' (allowed: iterations, "},
      {"/name", json("AD 01"), "/name", "is not a valid name"},
  };
  for (const auto& c : cases) {
    INFO("edit " << c.pointer);
    std::filesystem::path file;
    const auto message = error_after_edit(c.pointer, c.value, file);
    CHECK_THAT(message, StartsWith(file.string() + ": " + c.location + ": "));
    CHECK_THAT(message, Contains(c.problem));
  }
}

TEST_CASE("find_mlperf_model looks in $TINYRACK_MLPERF_MODELS first", "[config][workload]") {
  const auto w = load_workload(smoke());
  const auto dir = tr::test::scratch_dir("mlperf");
  SECTION("the variable names a folder holding the model") {
    write_text(dir / "ad01_int8.tflite", "not really a model");
    ScopedEnv env("TINYRACK_MLPERF_MODELS", dir.c_str());
    CHECK(find_mlperf_model(w, "/nonexistent/repo") == dir / "ad01_int8.tflite");
  }
  SECTION("the variable names a folder without it") {
    ScopedEnv env("TINYRACK_MLPERF_MODELS", dir.c_str());
    CHECK_FALSE(find_mlperf_model(w, tr::test::source_dir()).has_value());
  }
  SECTION("without the variable, <repo>/../shared/mlperf-tiny/models") {
    ScopedEnv env("TINYRACK_MLPERF_MODELS", nullptr);
    write_text(dir / "shared" / "mlperf-tiny" / "models" / "ad01_int8.tflite", "x");
    CHECK(find_mlperf_model(w, dir / "repo") ==
          dir / "shared" / "mlperf-tiny" / "models" / "ad01_int8.tflite");
    CHECK_FALSE(find_mlperf_model(w, dir / "elsewhere" / "repo").has_value());
  }
  SECTION("a workload without an MLPerf model") {
    auto local = w;
    local.model.mlperf.reset();
    CHECK_FALSE(find_mlperf_model(local, tr::test::source_dir()).has_value());
  }
}

TEST_CASE("find_mlperf_model finds the shared reference model", "[config][workload]") {
  const auto w = load_workload(smoke());
  auto models = tr::test::mlperf_models_dir();
  if (!models) {
    WARN("MLPerf Tiny models not found: skipped");
    return;
  }
  ScopedEnv env("TINYRACK_MLPERF_MODELS", models->c_str());
  const auto found = find_mlperf_model(w, tr::test::source_dir());
  REQUIRE(found);
  CHECK(std::filesystem::file_size(*found) == 276976u);
}

namespace {

json keyword_workload() {
  return json::parse(R"({
    "name": "keyword",
    "description": "one line",
    "model": {"file": "model.tflite"},
    "input": {"shape": [1, 49, 10, 1], "dtype": "int8", "scale": 0.584703, "zero_point": 83,
              "from_file": "int8"},
    "output": {"shape": [1, 12], "dtype": "int8", "scale": 0.00390625, "zero_point": -128},
    "dataset": {"path": "data/test", "labels": "y_labels.csv"},
    "metric": "top1",
    "score": "class-scores",
    "classes": ["down", "go", "left", "no", "off", "on", "right", "stop", "up", "yes",
                "silence", "unknown"],
    "infer": {"iterations": 1, "warmup": 0}
  })");
}

}  // namespace

TEST_CASE("a dataset workload loads its tensors, dataset and metric", "[config][workload]") {
  const auto dir = tr::test::scratch_dir("workload-dataset");
  const auto w = load_workload(write_json(dir / "keyword" / "workload.json", keyword_workload()));
  CHECK(w.inputs.empty());
  REQUIRE(w.input);
  CHECK(w.input->shape == std::vector<std::uint32_t>{1, 49, 10, 1});
  CHECK(w.input->scale == Approx(0.584703));
  CHECK(w.input->zero_point == 83);
  CHECK(w.from_file == FromFile::int8);
  REQUIRE(w.output);
  CHECK(w.output->zero_point == -128);
  REQUIRE(w.dataset);
  CHECK(w.dataset->path == std::filesystem::absolute(dir) / "keyword" / "data" / "test");
  CHECK(w.dataset->labels == "y_labels.csv");
  CHECK(w.metric == Metric::top1);
  CHECK(w.score == ScoreRule::class_scores);
  CHECK(w.classes.size() == 12);
  CHECK(std::string(to_string(FromFile::float32_quantize)) == "float32-quantize");

  // An MLPerf workload without a path: the dataset comes from --dataset.
  auto doc = keyword_workload();
  doc["model"] = json{{"mlperf", "kws_ref_model.tflite"}};
  doc["dataset"] = json::object();
  const auto m = load_workload(write_json(dir / "kws01.json", doc));
  CHECK_FALSE(m.dataset->path);
  CHECK(m.dataset->labels == "y_labels.csv");
}

TEST_CASE("dataset workload errors name the file and the JSON pointer", "[config][workload]") {
  struct Case {
    std::string pointer;
    std::optional<json> value;
    std::string location;
    std::string problem;
  };
  const std::vector<Case> cases = {
      {"/input/from_file", json("uint8"), "/input/from_file",
       "unknown from_file conversion 'uint8' (known: float32-quantize, int16le-audio, int8, "
       "uint8-minus-128)"},
      {"/input/from_file", std::nullopt, "/input", "missing required key 'from_file'"},
      {"/input/zero_point", json(128), "/input/zero_point", "out of range"},
      {"/input/zero_point", json(1.5), "/input/zero_point", "is not an integer"},
      {"/input/scale", json(0), "/input/scale", "out of range"},
      {"/input/dtype", json("uint8"), "/input/dtype", "unknown dtype"},
      {"/input/shape", json::array(), "/input/shape", "needs 1 to 6 dimensions"},
      {"/output/shape", json::array({1, 10}), "/output/shape",
       "class-scores needs one output per class (12 classes, 10 outputs)"},
      {"/metric", json("top5"), "/metric", "unknown metric 'top5' (known: roc_auc, top1)"},
      {"/score", json("reconstruction-mse"), "/score", "the metric must be roc_auc"},
      {"/classes", json::array({"a"}), "/classes", "needs 2 to 1000 class names"},
      {"/classes/3", json("down"), "/classes/3", "class 'down' is repeated"},
      {"/dataset/labels", json("../y.csv"), "/dataset/labels", "must be a file name"},
      {"/dataset/extra", json(1), "/dataset/extra", "unknown key 'extra'"},
      {"/inputs", json::array({{{"pattern", "P0"}}}), "/inputs", "remove 'inputs'"},
      {"/classes", std::nullopt, "(root)", "missing required key 'classes'"},
  };
  for (const auto& c : cases) {
    INFO("edit " << c.pointer);
    auto doc = keyword_workload();
    edit(doc, c.pointer, c.value);
    const auto file = write_json(tr::test::scratch_dir("workload") / "workload.json", doc);
    const auto message = config_error([&] { load_workload(file); });
    CHECK_THAT(message, StartsWith(file.string() + ": " + c.location + ": "));
    CHECK_THAT(message, Contains(c.problem));
  }
}

TEST_CASE("reconstruction-mse needs two classes and an output like the input",
          "[config][workload]") {
  auto doc = keyword_workload();
  doc["input"] = json{{"shape", {1, 640}},
                      {"scale", 0.391015},
                      {"zero_point", 89},
                      {"from_file", "float32-quantize"}};
  doc["output"] = json{{"shape", {1, 640}}, {"scale", 0.364498}, {"zero_point", 96}};
  doc["metric"] = "roc_auc";
  doc["score"] = "reconstruction-mse";
  doc["classes"] = {"normal", "anomaly"};
  const auto dir = tr::test::scratch_dir("workload-ad");
  const auto w = load_workload(write_json(dir / "ad.json", doc));
  CHECK(w.from_file == FromFile::float32_quantize);
  CHECK(w.score == ScoreRule::reconstruction_mse);

  auto three = doc;
  three["classes"] = {"normal", "anomaly", "other"};
  const auto f3 = write_json(dir / "three.json", three);
  CHECK_THAT(config_error([&] { load_workload(f3); }),
             Contains("/classes: reconstruction-mse needs exactly 2 classes"));
  auto small = doc;
  small["output"]["shape"] = {1, 8};
  const auto f4 = write_json(dir / "small.json", small);
  CHECK_THAT(config_error([&] { load_workload(f4); }),
             Contains("/output/shape: reconstruction-mse needs an output as large as the input"));
  // metric/score/classes without a dataset are refused.
  auto smoke_doc = read_json(smoke());
  smoke_doc["metric"] = "top1";
  const auto f5 = write_json(dir / "smoke.json", smoke_doc);
  CHECK_THAT(config_error([&] { load_workload(f5); }),
             Contains("/metric: 'metric' needs a 'dataset'"));
}

TEST_CASE("an input front end: mfcc with int16le-audio", "[config][workload]") {
  const auto dir = tr::test::scratch_dir("workload-frontend");
  auto doc = keyword_workload();
  doc["input"]["from_file"] = "int16le-audio";
  doc["input"]["frontend"] = "mfcc";
  const auto w = load_workload(write_json(dir / "audio.json", doc));
  CHECK(w.from_file == FromFile::int16le_audio);
  CHECK(w.frontend == InputFrontend::mfcc);
  CHECK(std::string(to_string(InputFrontend::mfcc)) == "mfcc");
  CHECK(std::string(to_string(FromFile::int16le_audio)) == "int16le-audio");
  // Without the key there is no front end.
  CHECK(load_workload(write_json(dir / "plain.json", keyword_workload())).frontend ==
        InputFrontend::none);

  struct Case {
    std::string pointer;
    std::optional<json> value;
    std::string location;
    std::string problem;
  };
  const std::vector<Case> cases = {
      {"/input/frontend", json("fft"), "/input/frontend",
       "unknown input front end 'fft' (known: mfcc)"},
      {"/input/frontend", json(1), "/input/frontend", ""},
      {"/input/frontend", std::nullopt, "/input/from_file",
       "int16le-audio is raw audio, not a tensor: it needs \"frontend\": \"mfcc\""},
      {"/input/from_file", json("int8"), "/input/frontend",
       "the mfcc front end reads raw audio: from_file must be \"int16le-audio\", not \"int8\""},
      {"/score", json("reconstruction-mse"), "/input/frontend",
       "a workload with an input front end scores class-scores"},
  };
  for (const auto& c : cases) {
    INFO("edit " << c.pointer);
    auto bad = doc;
    if (c.pointer == "/score") bad["metric"] = "roc_auc";
    edit(bad, c.pointer, c.value);
    const auto file = write_json(tr::test::scratch_dir("workload") / "workload.json", bad);
    const auto message = config_error([&] { load_workload(file); });
    CHECK_THAT(message, StartsWith(file.string() + ": " + c.location + ": "));
    CHECK_THAT(message, Contains(c.problem));
  }
  // A workload without a dataset has no front end.
  auto smoke_doc = read_json(smoke());
  smoke_doc["input"] =
      json{{"shape", {1, 8}}, {"scale", 0.5}, {"zero_point", 0}, {"frontend", "mfcc"}};
  const auto f = write_json(dir / "smoke.json", smoke_doc);
  CHECK_THAT(config_error([&] { load_workload(f); }),
             Contains("/input/frontend: unknown key 'frontend'"));
}
