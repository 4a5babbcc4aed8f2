// Small datasets in MLPerf Tiny's layout, written into scratch folders by the dataset tests.
#pragma once

#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "config/workload_spec.h"

namespace tr::dataset::test {

inline void write_file(const std::filesystem::path& file, const std::vector<uint8_t>& bytes) {
  std::filesystem::create_directories(file.parent_path());
  std::ofstream(file, std::ios::binary)
      .write(reinterpret_cast<const char*>(bytes.data()),
             static_cast<std::streamsize>(bytes.size()));
}

inline void write_text(const std::filesystem::path& file, const std::string& text) {
  std::filesystem::create_directories(file.parent_path());
  std::ofstream(file, std::ios::binary) << text;
}

inline std::vector<uint8_t> floats_le(const std::vector<float>& values) {
  std::vector<uint8_t> out;
  for (float f : values) {
    uint32_t bits;
    std::memcpy(&bits, &f, 4);
    for (int i = 0; i < 4; ++i) out.push_back(static_cast<uint8_t>(bits >> (8 * i)));
  }
  return out;
}

// A dataset workload as load_workload would give it (no file on disk needed).
inline config::WorkloadSpec dataset_workload(std::vector<std::string> classes,
                                             config::FromFile from, config::ScoreRule score,
                                             config::Metric metric) {
  config::WorkloadSpec w;
  w.name = "t";
  w.file = "t/workload.json";
  w.dataset = config::DatasetSpec{};
  w.classes = std::move(classes);
  w.from_file = from;
  w.score = score;
  w.metric = metric;
  return w;
}

}  // namespace tr::dataset::test
