// A workload file (workloads/<name>/workload.json): which model, which inputs, how many
// inferences. The model is an MLPerf Tiny reference file (found outside the repository), a
// local .tflite, and/or a builder recipe used when neither file is available.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace tr::config {

// A synthetic model description for the .tflite builder (workloads/builder).
struct BuilderRecipe {
  std::string builder;  // e.g. "fc-stack"
  std::uint64_t seed = 0;
  std::vector<std::uint32_t> layers;  // layer widths, input first
};

struct ModelSource {
  std::optional<std::string> mlperf;          // file name in the MLPerf Tiny models folder
  std::optional<std::filesystem::path> file;  // local .tflite, absolute after loading
  std::optional<std::string> sha256;          // of mlperf/file, 64 lowercase hex digits
  std::optional<BuilderRecipe> fallback;
};

// Deterministic input patterns defined in facts/tflite-format.md §3.6.
enum class InputPattern { p0, p1, p2 };

struct InputSpec {
  enum class Kind { pattern, random, file };
  Kind kind = Kind::pattern;
  InputPattern pattern = InputPattern::p0;  // Kind::pattern
  std::uint64_t seed = 0;                   // Kind::random
  std::filesystem::path file;               // Kind::file: raw int8 input, absolute after loading
};

struct InferSettings {
  std::uint32_t iterations = 1;  // timed inferences per input
  std::uint32_t warmup = 0;      // untimed inferences before them
};

struct WorkloadSpec {
  std::string name;
  std::string description;
  std::filesystem::path file;
  ModelSource model;
  std::vector<InputSpec> inputs;
  InferSettings infer;
};

const char* to_string(InputPattern);

// Loads and validates a workload file; relative paths resolve against its folder. Throws
// ConfigError.
WorkloadSpec load_workload(const std::filesystem::path& file);

// The MLPerf Tiny model file the workload names, from $TINYRACK_MLPERF_MODELS when set, else
// <repo_root>/../shared/mlperf-tiny/models; nullopt when the workload names none or it is absent.
std::optional<std::filesystem::path> find_mlperf_model(const WorkloadSpec& workload,
                                                       const std::filesystem::path& repo_root);

}  // namespace tr::config
