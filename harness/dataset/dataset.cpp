#include "dataset/dataset.h"

#include <fstream>
#include <iterator>
#include <map>
#include <memory>
#include <stdexcept>

#include "config/config_error.h"
#include "dataset/audio_frontend.h"
#include "dataset/label_file.h"

namespace tr::dataset {
namespace {

std::vector<std::uint8_t> read_bin(const std::filesystem::path& file, const std::string& source,
                                   const std::string& line) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw config::ConfigError(source, line, "cannot read " + file.string());
  return std::vector<std::uint8_t>(std::istreambuf_iterator<char>(in), {});
}

std::vector<LabelRow> take_subset(std::vector<LabelRow> rows, std::optional<std::uint32_t> n) {
  if (!n) return rows;
  std::map<std::uint32_t, std::uint32_t> taken;
  std::vector<LabelRow> out;
  for (auto& row : rows) {
    if (taken[row.label]++ < *n) out.push_back(std::move(row));
  }
  return out;
}

class Loader {
 public:
  Loader(const config::WorkloadSpec& w, const DatasetRequest& r)
      : workload_(w), request_(r), element_(element_bytes(w.from_file)) {}

  Dataset load() {
    if (workload_.frontend == config::InputFrontend::mfcc) {
      frontend_ = std::make_unique<AudioFrontend>();
      frontend_->check_model_input(workload_, request_.input_elements, request_.input);
    }
    data_.dir = request_.dir;
    data_.labels = request_.dir / workload_.dataset->labels;
    source_ = data_.labels.string();
    auto rows = read_label_file(data_.labels);
    data_.rows = static_cast<std::uint32_t>(rows.size());
    data_.per_class = request_.per_class.value_or(0);
    rows = take_subset(std::move(rows), request_.per_class);
    if (rows.empty()) {
      throw config::ConfigError(source_, "(file)", "the dataset lists no files");
    }
    for (const LabelRow& row : rows) add_file(row);
    data_.windows = static_cast<std::uint32_t>(data_.tensors.size());
    return std::move(data_);
  }

 private:
  [[noreturn]] void fail(const LabelRow& row, const std::string& what) const {
    throw config::ConfigError(source_, "line " + std::to_string(row.line), row.file + ": " + what);
  }

  // Bytes of file per input: the tensor's values, or one clip for the front end.
  std::uint64_t window_bytes() const {
    if (frontend_) return frontend_->audio_bytes();
    return std::uint64_t{request_.input_elements} * element_;
  }

  // Who needs window_bytes(), and what they are made of: "the input tensor", "(490 values of 1
  // bytes, from_file int8)".
  std::string window_user() const { return frontend_ ? "the mfcc front end" : "the input tensor"; }
  std::string window_makeup() const {
    const std::string from = std::string(", from_file ") + config::to_string(workload_.from_file);
    if (frontend_) {
      return "(" + std::to_string(frontend_->audio_bytes() / element_) + " int16 samples" + from +
             ")";
    }
    return "(" + std::to_string(request_.input_elements) + " values of " +
           std::to_string(element_) + " bytes" + from + ")";
  }

  std::vector<std::uint8_t> make_tensor(std::span<const std::uint8_t> window) {
    if (!frontend_) return to_input_tensor(window, workload_.from_file, request_.input);
    data_.frontend_inputs.emplace_back(window.begin(), window.end());
    return frontend_->features(window);
  }

  void add_file(const LabelRow& row) {
    const std::size_t classes = workload_.classes.size();
    if (row.classes != classes) {
      fail(row, "the row says " + std::to_string(row.classes) + " classes, the workload has " +
                    std::to_string(classes));
    }
    const auto bytes =
        read_bin(request_.dir / row.file, source_, "line " + std::to_string(row.line));
    const std::uint64_t window_bytes = this->window_bytes();
    WindowColumns cols{static_cast<std::uint32_t>(bytes.size()), 1};
    if (row.window) {
      cols = *row.window;
      if (cols.bytes_to_send != window_bytes) {
        fail(row, "bytes_to_send " + std::to_string(cols.bytes_to_send) + " is not " +
                      window_user() + "'s " + std::to_string(window_bytes) + " bytes " +
                      window_makeup());
      }
      if (cols.stride % element_ != 0) {
        fail(row, "stride " + std::to_string(cols.stride) + " is not a multiple of " +
                      std::to_string(element_) + " bytes");
      }
      if (bytes.size() < cols.bytes_to_send) {
        fail(row, "has " + std::to_string(bytes.size()) + " bytes, less than one window of " +
                      std::to_string(cols.bytes_to_send));
      }
    } else if (bytes.size() != window_bytes) {
      fail(row, "has " + std::to_string(bytes.size()) + " bytes; " + window_user() + " needs " +
                    std::to_string(window_bytes) + " " + window_makeup());
    }

    DatasetFile file;
    file.name = row.file;
    file.line = row.line;
    file.label = row.label;
    file.first_input = static_cast<std::uint32_t>(data_.tensors.size());
    file.windows = window_count(bytes.size(), cols);
    try {
      for (std::uint32_t k = 0; k < file.windows; ++k) {
        const auto window = std::span<const std::uint8_t>(bytes).subspan(
            std::size_t{k} * cols.stride, cols.bytes_to_send);
        data_.tensors.push_back(make_tensor(window));
      }
    } catch (const std::invalid_argument& e) {
      fail(row, e.what());
    }
    if (workload_.score == config::ScoreRule::reconstruction_mse) {
      file.values = to_real_values(bytes, workload_.from_file, request_.input);
      file.values_stride = cols.stride / element_;
    }
    data_.files.push_back(std::move(file));
  }

  const config::WorkloadSpec& workload_;
  const DatasetRequest& request_;
  const std::uint32_t element_;
  std::unique_ptr<AudioFrontend> frontend_;  // input.frontend mfcc
  std::string source_;
  Dataset data_;
};

}  // namespace

Dataset load_dataset(const config::WorkloadSpec& workload, const DatasetRequest& request) {
  if (!workload.dataset) {
    throw config::ConfigError(workload.file.string(), "(root)", "the workload has no dataset");
  }
  return Loader(workload, request).load();
}

std::filesystem::path dataset_dir(const config::WorkloadSpec& workload,
                                  const std::optional<std::filesystem::path>& override_dir) {
  if (!workload.dataset) {
    throw config::ConfigError(workload.file.string(), "(root)",
                              "the workload has no 'dataset' section, so it takes no dataset");
  }
  const std::string& labels = workload.dataset->labels;
  if (override_dir) {
    std::error_code ec;
    if (std::filesystem::exists(*override_dir / labels, ec)) return *override_dir;
    if (std::filesystem::exists(*override_dir / workload.name / labels, ec)) {
      return *override_dir / workload.name;
    }
    throw config::ConfigError(
        override_dir->string(), "(--dataset)",
        "neither this folder nor its subfolder '" + workload.name + "' holds " + labels);
  }
  if (!workload.dataset->path) {
    throw config::ConfigError(workload.file.string(), "/dataset",
                              "no 'path': give the dataset folder with --dataset DIR");
  }
  return *workload.dataset->path;
}

}  // namespace tr::dataset
