#include "config/workload_spec.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>
#include <set>
#include <utility>

#include "config/config_error.h"
#include "config/json_node.h"

namespace tr::config {
namespace {

constexpr std::array<std::pair<std::string_view, InputPattern>, 3> kPatterns{{
    {"P0", InputPattern::p0},
    {"P1", InputPattern::p1},
    {"P2", InputPattern::p2},
}};
constexpr std::array<std::pair<std::string_view, FromFile>, 4> kFromFile{{
    {"int8", FromFile::int8},
    {"uint8-minus-128", FromFile::uint8_minus_128},
    {"float32-quantize", FromFile::float32_quantize},
    {"int16le-audio", FromFile::int16le_audio},
}};
// "none" is the default when the key is absent, not a value to write.
constexpr std::array<std::pair<std::string_view, InputFrontend>, 1> kFrontends{{
    {"mfcc", InputFrontend::mfcc},
}};
constexpr std::array<std::pair<std::string_view, Metric>, 2> kMetrics{{
    {"top1", Metric::top1},
    {"roc_auc", Metric::roc_auc},
}};
constexpr std::array<std::pair<std::string_view, ScoreRule>, 2> kScores{{
    {"class-scores", ScoreRule::class_scores},
    {"reconstruction-mse", ScoreRule::reconstruction_mse},
}};
constexpr std::array<std::pair<std::string_view, int>, 1> kDtypes{{{"int8", 0}}};
// Builders workloads/builder implements; a recipe naming another fails at load, not at run.
constexpr std::array<std::string_view, 1> kBuilders{"fc-stack"};

constexpr std::uint64_t kMaxCount = 1'000'000;
constexpr std::uint64_t kMaxLayerWidth = 65536;
constexpr std::size_t kMaxRank = 6;
constexpr std::uint64_t kMaxTensorElements = 16u << 20;
constexpr std::size_t kMaxClasses = 1000;

std::filesystem::path resolve(const std::filesystem::path& dir, const JsonNode& node) {
  std::filesystem::path p = node.nonempty_string();
  return p.is_absolute() ? p : (dir / p).lexically_normal();
}

std::string parse_sha256(const JsonNode& node) {
  auto s = node.string();
  const bool ok = s.size() == 64 && std::all_of(s.begin(), s.end(), [](char c) {
                    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
                  });
  if (!ok) node.fail("'" + s + "' is not a SHA-256 (64 lowercase hex digits)");
  return s;
}

BuilderRecipe parse_recipe(const JsonNode& node) {
  node.expect_object({"builder", "seed", "layers"});
  BuilderRecipe r;
  const auto builder = node["builder"];
  r.builder = builder.nonempty_string();
  if (std::find(kBuilders.begin(), kBuilders.end(), r.builder) == kBuilders.end()) {
    builder.fail_unknown("builder", r.builder, {kBuilders.begin(), kBuilders.end()});
  }
  r.seed = node["seed"].unsigned_integer(0, 0xFFFF'FFFFULL);
  const auto layers = node["layers"];
  if (layers.array_size() < 2) layers.fail("needs at least 2 layer widths (input and output)");
  for (std::size_t i = 0; i < layers.array_size(); ++i) {
    r.layers.push_back(static_cast<std::uint32_t>(layers[i].unsigned_integer(1, kMaxLayerWidth)));
  }
  return r;
}

ModelSource parse_model(const JsonNode& node, const std::filesystem::path& dir) {
  node.expect_object({"mlperf", "file", "sha256", "fallback"});
  ModelSource m;
  if (auto v = node.find("mlperf")) {
    auto name = v->nonempty_string();
    if (name.find('/') != std::string::npos || name == "." || name == "..") {
      v->fail("'" + name + "' must be a plain file name in the MLPerf Tiny models folder");
    }
    m.mlperf = std::move(name);
  }
  if (auto v = node.find("file")) m.file = resolve(dir, *v);
  if (auto v = node.find("sha256")) {
    if (!m.mlperf && !m.file) v->fail("sha256 needs a model file ('mlperf' or 'file')");
    m.sha256 = parse_sha256(*v);
  }
  if (auto v = node.find("fallback")) m.fallback = parse_recipe(*v);
  if (!m.mlperf && !m.file && !m.fallback) {
    node.fail("needs at least one of 'mlperf', 'file' or 'fallback'");
  }
  return m;
}

InputSpec parse_input(const JsonNode& node, const std::filesystem::path& dir) {
  node.expect_object({"pattern", "random", "file"});
  const auto pattern = node.find("pattern");
  const auto random = node.find("random");
  const auto file = node.find("file");
  if (int{pattern.has_value()} + int{random.has_value()} + int{file.has_value()} != 1) {
    node.fail("an input needs exactly one of 'pattern', 'random' or 'file'");
  }
  InputSpec in;
  if (pattern) {
    in.kind = InputSpec::Kind::pattern;
    in.pattern = pattern->one_of(kPatterns, "input pattern");
  } else if (random) {
    random->expect_object({"seed"});
    in.kind = InputSpec::Kind::random;
    in.seed = (*random)["seed"].unsigned_integer(0, 0xFFFF'FFFFULL);
  } else {
    in.kind = InputSpec::Kind::file;
    in.file = resolve(dir, *file);
  }
  return in;
}

InferSettings parse_infer(const JsonNode& node) {
  node.expect_object({"iterations", "warmup"});
  InferSettings s;
  s.iterations = static_cast<std::uint32_t>(node["iterations"].unsigned_integer(1, kMaxCount));
  if (auto w = node.find("warmup")) {
    s.warmup = static_cast<std::uint32_t>(w->unsigned_integer(0, kMaxCount));
  }
  return s;
}

std::uint64_t element_count(const TensorSpec& t) {
  std::uint64_t n = 1;
  for (auto d : t.shape) n *= d;
  return n;
}

// An int8 tensor's shape and quantization; `from_file` is read by the caller.
TensorSpec parse_tensor(const JsonNode& node, bool with_from_file) {
  if (with_from_file) {
    node.expect_object({"shape", "dtype", "scale", "zero_point", "from_file", "frontend"});
  } else {
    node.expect_object({"shape", "dtype", "scale", "zero_point"});
  }
  TensorSpec t;
  const auto shape = node["shape"];
  if (shape.array_size() == 0 || shape.array_size() > kMaxRank) {
    shape.fail("needs 1 to " + std::to_string(kMaxRank) + " dimensions");
  }
  std::uint64_t elements = 1;
  for (std::size_t i = 0; i < shape.array_size(); ++i) {
    t.shape.push_back(static_cast<std::uint32_t>(shape[i].unsigned_integer(1, kMaxLayerWidth)));
    elements *= t.shape.back();
  }
  if (elements > kMaxTensorElements) shape.fail("has more than 16 Mi elements");
  if (auto dtype = node.find("dtype")) dtype->one_of(kDtypes, "dtype (the engine runs int8)");
  t.scale = node["scale"].number(0.0, 1e9);
  const auto zp = node["zero_point"];
  const double z = zp.number(-129.0, 127.0);
  if (z != std::floor(z)) zp.fail("zero point " + std::to_string(z) + " is not an integer");
  t.zero_point = static_cast<std::int32_t>(z);
  return t;
}

DatasetSpec parse_dataset(const JsonNode& node, const std::filesystem::path& dir) {
  node.expect_object({"path", "labels"});
  DatasetSpec d;
  if (auto p = node.find("path")) d.path = resolve(dir, *p);
  if (auto l = node.find("labels")) {
    d.labels = l->nonempty_string();
    if (d.labels.find('/') != std::string::npos) {
      l->fail("'" + d.labels + "' must be a file name inside the dataset folder");
    }
  }
  return d;
}

std::vector<std::string> parse_classes(const JsonNode& node) {
  auto classes = node.strings();
  if (classes.size() < 2 || classes.size() > kMaxClasses) {
    node.fail("needs 2 to " + std::to_string(kMaxClasses) + " class names");
  }
  std::set<std::string> seen;
  for (std::size_t i = 0; i < classes.size(); ++i) {
    if (!seen.insert(classes[i]).second) node[i].fail("class '" + classes[i] + "' is repeated");
  }
  return classes;
}

// input.frontend and the from_file it reads: raw audio and the MFCC front end go together.
// Whether the tensor is the front end's (shape, quantization) is checked against the engine's
// front end when the workload is prepared (dataset::AudioFrontend).
void parse_frontend(const JsonNode& input, WorkloadSpec& w) {
  const auto frontend = input.find("frontend");
  if (frontend) w.frontend = frontend->one_of(kFrontends, "input front end");
  const bool audio = w.from_file == FromFile::int16le_audio;
  if (audio && w.frontend != InputFrontend::mfcc) {
    input["from_file"].fail(
        "int16le-audio is raw audio, not a tensor: it needs \"frontend\": \"mfcc\" to become the "
        "input tensor");
  }
  if (w.frontend == InputFrontend::mfcc && !audio) {
    frontend->fail(std::string("the mfcc front end reads raw audio: from_file must be ") +
                   "\"int16le-audio\", not \"" + to_string(w.from_file) + "\"");
  }
  if (w.frontend != InputFrontend::none && w.score != ScoreRule::class_scores) {
    frontend->fail(
        "reconstruction-mse compares the output with the input tensor's values; a workload "
        "with an input front end scores class-scores");
  }
}

// The dataset half of a workload: tensors, conversion, metric and score, and whether they fit.
void parse_dataset_workload(const JsonNode& root, const std::filesystem::path& dir,
                            WorkloadSpec& w) {
  if (auto inputs = root.find("inputs")) {
    inputs->fail("a dataset workload takes its inputs from 'dataset'; remove 'inputs'");
  }
  w.dataset = parse_dataset(root["dataset"], dir);
  const auto input = root["input"];
  w.input = parse_tensor(input, true);
  w.from_file = input["from_file"].one_of(kFromFile, "from_file conversion");
  w.output = parse_tensor(root["output"], false);
  w.metric = root["metric"].one_of(kMetrics, "metric");
  const auto score = root["score"];
  w.score = score.one_of(kScores, "score rule");
  parse_frontend(input, w);
  const auto classes = root["classes"];
  w.classes = parse_classes(classes);
  if (w.score == ScoreRule::reconstruction_mse) {
    if (w.metric != Metric::roc_auc) {
      score.fail(
          "reconstruction-mse gives one anomaly score per file, so the metric must be "
          "roc_auc");
    }
    if (w.classes.size() != 2) {
      classes.fail("reconstruction-mse needs exactly 2 classes (normal, anomaly)");
    }
    if (element_count(*w.output) != element_count(*w.input)) {
      root["output"]["shape"].fail("reconstruction-mse needs an output as large as the input (" +
                                   std::to_string(element_count(*w.input)) + " elements)");
    }
  } else if (element_count(*w.output) != w.classes.size()) {
    root["output"]["shape"].fail("class-scores needs one output per class (" +
                                 std::to_string(w.classes.size()) + " classes, " +
                                 std::to_string(element_count(*w.output)) + " outputs)");
  }
}

}  // namespace

const char* to_string(FromFile f) {
  for (const auto& [name, value] : kFromFile) {
    if (value == f) return name.data();
  }
  return "?";
}

const char* to_string(InputFrontend f) {
  for (const auto& [name, value] : kFrontends) {
    if (value == f) return name.data();
  }
  return "none";
}

const char* to_string(Metric m) {
  for (const auto& [name, value] : kMetrics) {
    if (value == m) return name.data();
  }
  return "?";
}

const char* to_string(ScoreRule r) {
  for (const auto& [name, value] : kScores) {
    if (value == r) return name.data();
  }
  return "?";
}

const char* to_string(InputPattern p) {
  for (const auto& [name, value] : kPatterns) {
    if (value == p) return name.data();
  }
  return "?";
}

WorkloadSpec load_workload(const std::filesystem::path& file) {
  const auto root = JsonNode::load(file);
  root.expect_object({"name", "description", "model", "inputs", "infer", "input", "output",
                      "dataset", "metric", "score", "classes"});
  const auto dir = std::filesystem::absolute(file).parent_path();
  WorkloadSpec w;
  w.file = file;
  w.name = root["name"].identifier();
  if (auto description = root.find("description")) w.description = description->string();
  w.model = parse_model(root["model"], dir);
  w.infer = parse_infer(root["infer"]);
  if (root.find("dataset")) {
    parse_dataset_workload(root, dir, w);
    return w;
  }
  for (const char* key : {"metric", "score", "classes"}) {
    if (auto v = root.find(key)) v->fail(std::string("'") + key + "' needs a 'dataset'");
  }
  if (auto v = root.find("input")) w.input = parse_tensor(*v, false);
  if (auto v = root.find("output")) w.output = parse_tensor(*v, false);
  const auto inputs = root["inputs"];
  if (inputs.array_size() == 0) inputs.fail("a workload needs at least one input");
  for (std::size_t i = 0; i < inputs.array_size(); ++i) {
    w.inputs.push_back(parse_input(inputs[i], dir));
  }
  return w;
}

std::optional<std::filesystem::path> find_mlperf_model(const WorkloadSpec& workload,
                                                       const std::filesystem::path& repo_root) {
  if (!workload.model.mlperf) return std::nullopt;
  auto dir = (repo_root / ".." / "shared" / "mlperf-tiny" / "models").lexically_normal();
  if (const char* env = std::getenv("TINYRACK_MLPERF_MODELS"); env != nullptr && *env != '\0') {
    dir = env;
  }
  auto path = dir / *workload.model.mlperf;
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) return std::nullopt;
  return path;
}

}  // namespace tr::config
