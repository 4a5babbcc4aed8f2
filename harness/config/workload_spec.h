// A workload file (workloads/<name>/workload.json): which model, which inputs, how many
// inferences, and for dataset workloads how .bin files become input tensors and how the outputs
// are scored. The model is an MLPerf Tiny reference file (found outside the repository), a local
// .tflite, and/or a builder recipe used when neither file is available. Field reference:
// docs/workloads.md.
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

// How the bytes of a dataset file (or one window of it) become the int8 input tensor.
enum class FromFile {
  int8,              // the bytes are the tensor
  uint8_minus_128,   // uint8 pixels minus 128 (MLPerf IC/VWW)
  float32_quantize,  // little-endian float32, quantized with the input scale/zero point (AD)
  int16le_audio,     // int16 little-endian samples, made into the tensor by the input front end
};

// What turns a dataset file into the input tensor on the board itself: nothing (the host sends
// the tensor), or the engine's MFCC front end (the host sends the audio, `tr-input ... mfcc`).
enum class InputFrontend { none, mfcc };

// A model tensor as the workload declares it; checked against the model when prepared.
struct TensorSpec {
  std::vector<std::uint32_t> shape;
  double scale = 0;
  std::int32_t zero_point = 0;  // dtype is int8, the only one the engine runs
};

struct DatasetSpec {
  std::optional<std::filesystem::path> path;  // absolute; absent: given as --dataset DIR
  std::string labels = "y_labels.csv";        // a file name inside path
};

enum class Metric { top1, roc_auc };
enum class ScoreRule { class_scores, reconstruction_mse };

struct WorkloadSpec {
  std::string name;
  std::string description;
  std::filesystem::path file;
  ModelSource model;
  std::vector<InputSpec> inputs;  // fixed inputs; empty for dataset workloads
  InferSettings infer;
  // Dataset workloads (all set together; `inputs` is then empty).
  std::optional<TensorSpec> input;
  std::optional<TensorSpec> output;
  FromFile from_file = FromFile::int8;
  InputFrontend frontend = InputFrontend::none;  // int16le-audio goes with mfcc, and only it
  std::optional<DatasetSpec> dataset;
  Metric metric = Metric::top1;
  ScoreRule score = ScoreRule::class_scores;
  std::vector<std::string> classes;
};

const char* to_string(InputPattern);
const char* to_string(FromFile);
const char* to_string(InputFrontend);
const char* to_string(Metric);
const char* to_string(ScoreRule);

// Loads and validates a workload file; relative paths resolve against its folder. Throws
// ConfigError.
WorkloadSpec load_workload(const std::filesystem::path& file);

// The MLPerf Tiny model file the workload names, from $TINYRACK_MLPERF_MODELS when set, else
// <repo_root>/../shared/mlperf-tiny/models; nullopt when the workload names none or it is absent.
std::optional<std::filesystem::path> find_mlperf_model(const WorkloadSpec& workload,
                                                       const std::filesystem::path& repo_root);

}  // namespace tr::config
