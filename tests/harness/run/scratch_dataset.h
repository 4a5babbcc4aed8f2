// Dataset workloads built in a scratch folder for the harness, CLI and rack tests: a classifier
// from the fc-stack builder with .bin files labelled so that a known share is right, and an
// autoencoder-shaped model over float32 files cut into windows (MLPerf AD style).
#pragma once

#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <span>
#include <string>
#include <vector>

#include "builder/fc_stack_model.h"
#include "builder/input_patterns.h"
#include "metrics/confusion_matrix.h"
#include "run/host_engine.h"

namespace tr::test {

inline void write_bytes_file(const std::filesystem::path& file, const std::vector<uint8_t>& b) {
  std::filesystem::create_directories(file.parent_path());
  std::ofstream(file, std::ios::binary)
      .write(reinterpret_cast<const char*>(b.data()), static_cast<std::streamsize>(b.size()));
}

inline nlohmann::json tensor_json(const engine::TensorView& t) {
  std::vector<int32_t> shape(t.dims, t.dims + t.rank);
  return {{"shape", shape}, {"dtype", "int8"}, {"scale", t.scale}, {"zero_point", t.zero_point}};
}

struct ScratchClassifier {
  std::filesystem::path workload;  // <dir>/workload.json
  uint32_t files = 0;
  uint32_t right = 0;  // files labelled with the host engine's own prediction
};

// 16 int8 inputs, 3 classes; `files` random inputs named f<i>.bin. File i is labelled with the
// host engine's argmax when i % 3 != 2, else with another class: top-1 = right / files exactly.
// y_labels.csv uses ", " separators like MLPerf's kws01-open lists.
inline ScratchClassifier write_scratch_classifier(const std::filesystem::path& dir, uint32_t files,
                                                  uint32_t iterations = 1) {
  const auto model = workloads::make_fc_stack_model(21, {16, 12, 3});
  write_bytes_file(dir / "model.tflite", model);
  harness::HostEngine host(model);
  ScratchClassifier s;
  s.files = files;
  std::string labels;
  for (uint32_t i = 0; i < files; ++i) {
    const auto in = workloads::make_random_input(100 + i, 16);
    const std::vector<uint8_t> bytes(in.begin(), in.end());
    const auto out = host.run(bytes);
    const auto predicted = metrics::argmax(
        std::span<const int8_t>(reinterpret_cast<const int8_t*>(out.data()), out.size()));
    const bool right = i % 3 != 2;
    s.right += right ? 1 : 0;
    const auto label = right ? predicted : (predicted + 1) % 3;
    const std::string name = "f" + std::to_string(i) + ".bin";
    write_bytes_file(dir / "data" / name, bytes);
    labels += name + ", 3, " + std::to_string(label) + "\n";
  }
  std::ofstream(dir / "data" / "y_labels.csv") << labels;
  nlohmann::json input = tensor_json(host.input());
  input["from_file"] = "int8";
  const nlohmann::json doc{{"name", "scratch-classifier"},
                           {"description", "fc-stack classifier on random inputs"},
                           {"model", {{"file", "model.tflite"}}},
                           {"input", input},
                           {"output", tensor_json(host.output())},
                           {"dataset", {{"path", "data"}}},
                           {"metric", "top1"},
                           {"score", "class-scores"},
                           {"classes", {"red", "green", "blue"}},
                           {"infer", {{"iterations", iterations}, {"warmup", 0}}}};
  s.workload = dir / "workload.json";
  std::ofstream(s.workload) << doc.dump(2);
  return s;
}

// An 8 -> 4 -> 8 autoencoder over float32 files of 24 floats, windows of 8 floats (32 bytes)
// with a stride of 16 bytes: 5 windows per file. Files alternate normal and anomaly.
inline std::filesystem::path write_scratch_autoencoder(const std::filesystem::path& dir,
                                                       uint32_t files) {
  const auto model = workloads::make_fc_stack_model(5, {8, 4, 8});
  write_bytes_file(dir / "model.tflite", model);
  harness::HostEngine host(model);
  std::string labels;
  for (uint32_t i = 0; i < files; ++i) {
    std::vector<uint8_t> bytes;
    for (uint32_t k = 0; k < 24; ++k) {
      const float v = static_cast<float>((i * 7 + k * 3) % 11) * 0.1f * (i % 2 == 0 ? 1.0f : 2.5f);
      uint32_t bits;
      std::memcpy(&bits, &v, 4);
      for (int b = 0; b < 4; ++b) bytes.push_back(static_cast<uint8_t>(bits >> (8 * b)));
    }
    const std::string name = "rec" + std::to_string(i) + ".bin";
    write_bytes_file(dir / "data" / name, bytes);
    labels += name + ",2," + std::to_string(i % 2) + ",32,16\n";
  }
  std::ofstream(dir / "data" / "y_labels.csv") << labels;
  nlohmann::json input = tensor_json(host.input());
  input["from_file"] = "float32-quantize";
  const nlohmann::json doc{{"name", "scratch-autoencoder"},
                           {"model", {{"file", "model.tflite"}}},
                           {"input", input},
                           {"output", tensor_json(host.output())},
                           {"dataset", {{"path", "data"}}},
                           {"metric", "roc_auc"},
                           {"score", "reconstruction-mse"},
                           {"classes", {"normal", "anomaly"}},
                           {"infer", {{"iterations", 1}}}};
  std::ofstream(dir / "workload.json") << doc.dump(2);
  return dir / "workload.json";
}

}  // namespace tr::test
