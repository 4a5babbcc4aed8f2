// A workload made concrete: the model bytes (an MLPerf Tiny file when present, else the
// project's builder), the raw input tensors, and the host engine's outputs for each, which
// every board must reproduce bit for bit. A dataset workload's inputs are its windows, made on
// the host from the .bin files, and the host engine's outputs are scored into its metric.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "config/workload_spec.h"
#include "dataset/accuracy.h"
#include "dataset/dataset.h"

namespace tr::harness {

struct PreparedInput {
  std::string name;            // "P0", "random-1", the file name, or "<file>#<window>" for windows
  std::vector<uint8_t> bytes;  // the input tensor the host engine ran
  std::vector<uint8_t> host_output;  // what the host engine computed
  // With an input front end (spec.frontend): the file bytes a board's front end turns into the
  // tensor itself (`tr-input ... mfcc`); `bytes` are the host front end's features of them.
  std::vector<uint8_t> frontend_input;
};

struct PreparedWorkload {
  config::WorkloadSpec spec;
  std::string model_source;       // "mlperf", "file" or "builder"
  std::string model_description;  // file path, or the builder recipe in words
  std::string model_id;           // short id for the runner's profile% (e.g. "ad01")
  std::vector<uint8_t> model;
  std::string model_sha256;
  uint32_t input_bytes = 0;
  uint32_t output_bytes = 0;
  std::vector<PreparedInput> inputs;
  // Dataset workloads: the files behind the inputs (tensors moved into `inputs`), the model's
  // output quantization the scores dequantize with, and the host engine's metric.
  std::optional<dataset::Dataset> dataset;
  dataset::Quantization output_quantization;
  std::optional<dataset::Accuracy> host_accuracy;
};

struct PrepareOptions {
  std::optional<std::filesystem::path> dataset_dir;  // --dataset DIR (see dataset::dataset_dir)
  std::optional<uint32_t> per_class;                 // a suite entry's subset
};

// Throws config::ConfigError for a missing or mismatching model file, a declared input/output
// tensor the model does not have, or a bad dataset (naming file and line); ModelError when the
// host engine rejects the model.
PreparedWorkload prepare_workload(const config::WorkloadSpec& spec,
                                  const std::filesystem::path& repo_root,
                                  const PrepareOptions& options = {});

// The host engine's (or a board's) metric from one output per input.
dataset::Accuracy score_outputs(const PreparedWorkload& workload,
                                const std::vector<std::vector<uint8_t>>& outputs);

std::vector<uint8_t> read_file_bytes(const std::filesystem::path& file);

}  // namespace tr::harness
