#include "config/workload_spec.h"

#include <algorithm>
#include <array>
#include <cstdlib>
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
// Builders workloads/builder implements; a recipe naming another fails at load, not at run.
constexpr std::array<std::string_view, 1> kBuilders{"fc-stack"};

constexpr std::uint64_t kMaxCount = 1'000'000;
constexpr std::uint64_t kMaxLayerWidth = 65536;

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

}  // namespace

const char* to_string(InputPattern p) {
  for (const auto& [name, value] : kPatterns) {
    if (value == p) return name.data();
  }
  return "?";
}

WorkloadSpec load_workload(const std::filesystem::path& file) {
  const auto root = JsonNode::load(file);
  root.expect_object({"name", "description", "model", "inputs", "infer"});
  const auto dir = std::filesystem::absolute(file).parent_path();
  WorkloadSpec w;
  w.file = file;
  w.name = root["name"].identifier();
  if (auto description = root.find("description")) w.description = description->string();
  w.model = parse_model(root["model"], dir);
  const auto inputs = root["inputs"];
  if (inputs.array_size() == 0) inputs.fail("a workload needs at least one input");
  for (std::size_t i = 0; i < inputs.array_size(); ++i) {
    w.inputs.push_back(parse_input(inputs[i], dir));
  }
  w.infer = parse_infer(root["infer"]);
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
