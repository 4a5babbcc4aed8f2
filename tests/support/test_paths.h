// Paths tests use to find fixtures, firmware images and the optional MLPerf Tiny models.
#pragma once

#include <filesystem>
#include <optional>

namespace tr::test {

std::filesystem::path source_dir();    // the repository root
std::filesystem::path binary_dir();    // the CMake build tree
std::filesystem::path firmware_dir();  // build/firmware (one folder per target)

// The folder holding the MLPerf Tiny reference .tflite files: $TINYRACK_MLPERF_MODELS, else
// ../shared/mlperf-tiny/models next to the repository; nullopt when neither exists.
std::optional<std::filesystem::path> mlperf_models_dir();

// A fresh, empty scratch directory under the build tree, unique per call.
std::filesystem::path scratch_dir(const char* name);

}  // namespace tr::test
