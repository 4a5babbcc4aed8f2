// A dataset in MLPerf Tiny's layout (a folder of .bin files and y_labels.csv) read for one
// workload: which files, their labels, how many windows each gives, and every window's int8
// input tensor made on the host. Files come in y_labels.csv order; a file's windows in offset
// order; the tensors list all windows of all files in that order.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "config/workload_spec.h"
#include "dataset/input_conversion.h"

namespace tr::dataset {

struct DatasetFile {
  std::string name;  // as y_labels.csv names it
  std::size_t line = 0;
  std::uint32_t label = 0;
  std::uint32_t first_input = 0;  // index of its first window among all windows
  std::uint32_t windows = 0;
  // Real values of the whole file and the values between window starts; kept only for
  // reconstruction-mse (the reference each window's output is compared with).
  std::vector<float> values;
  std::uint32_t values_stride = 0;

  std::span<const float> reference(std::uint32_t window, std::uint32_t elements) const {
    return std::span<const float>(values).subspan(std::size_t{window} * values_stride, elements);
  }
};

struct Dataset {
  std::filesystem::path dir;
  std::filesystem::path labels;
  std::uint32_t rows = 0;       // rows in the labels file
  std::uint32_t per_class = 0;  // the subset taken (0: every file)
  std::uint32_t windows = 0;    // over all files
  std::vector<DatasetFile> files;
  // One input tensor per window, in order; a caller may move them out (windows stays).
  std::vector<std::vector<std::uint8_t>> tensors;
  // With an input front end (workload input.frontend): each window's file bytes, parallel to
  // `tensors` -- the audio a board's front end gets, while `tensors` holds the host front end's
  // features of it. Empty otherwise.
  std::vector<std::vector<std::uint8_t>> frontend_inputs;
};

struct DatasetRequest {
  std::filesystem::path dir;               // holds the labels file and the .bin files
  std::optional<std::uint32_t> per_class;  // the first N files of each class, in row order
  Quantization input;                      // the model's input tensor quantization
  std::uint32_t input_elements = 0;        // the model's input tensor size
};

// Reads the labels file named by the workload in `request.dir` and makes every window's input.
// Throws config::ConfigError naming the labels file and line (bad row, missing or short .bin,
// a window that is not the input tensor's size, a class count that is not the workload's),
// the labels file alone when it lists no files, or the workload file's /input when its front
// end does not make the model's input tensor.
Dataset load_dataset(const config::WorkloadSpec& workload, const DatasetRequest& request);

// The folder a workload's dataset is read from. With `override_dir` (--dataset DIR): DIR when it
// holds the labels file, else DIR/<workload name> (MLPerf's <dataset_path>/<model>/ layout).
// Without: the workload's dataset.path. Throws config::ConfigError when there is none.
std::filesystem::path dataset_dir(const config::WorkloadSpec& workload,
                                  const std::optional<std::filesystem::path>& override_dir);

}  // namespace tr::dataset
