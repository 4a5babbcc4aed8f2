// A workload made concrete: the model bytes (an MLPerf Tiny file when present, else the
// project's builder), the raw input tensors, and the host engine's outputs for each, which
// every board must reproduce bit for bit.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "config/workload_spec.h"

namespace tr::harness {

struct PreparedInput {
  std::string name;  // "P0", "random-1", or the file name
  std::vector<uint8_t> bytes;
  std::vector<uint8_t> host_output;  // what the host engine computed
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
};

// Throws config::ConfigError for a missing or mismatching model file, ModelError when the
// host engine rejects the model.
PreparedWorkload prepare_workload(const config::WorkloadSpec& spec,
                                  const std::filesystem::path& repo_root);

std::vector<uint8_t> read_file_bytes(const std::filesystem::path& file);

}  // namespace tr::harness
