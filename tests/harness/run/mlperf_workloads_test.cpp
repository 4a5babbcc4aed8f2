// The committed workloads/mlperf/*.json with the MLPerf Tiny reference models on small fake
// datasets in MLPerf's layout (<root>/<model>/y_labels.csv + .bin files): the declared tensors
// match the real models, AD files are cut into 196 windows, and every metric comes out.
#include <catch2/catch.hpp>
#include <cstring>
#include <fstream>

#include "config/workload_spec.h"
#include "run/prepared_workload.h"
#include "support/test_paths.h"

using namespace tr;

namespace {

void write(const std::filesystem::path& file, const std::vector<uint8_t>& bytes) {
  std::filesystem::create_directories(file.parent_path());
  std::ofstream(file, std::ios::binary)
      .write(reinterpret_cast<const char*>(bytes.data()),
             static_cast<std::streamsize>(bytes.size()));
}

std::vector<uint8_t> pattern(size_t n, unsigned step) {
  std::vector<uint8_t> b(n);
  for (size_t i = 0; i < n; ++i) b[i] = static_cast<uint8_t>(i * step);
  return b;
}

// 25600 float32 values (200 x 128 mel frames, 102400 bytes), louder for anomalies.
std::vector<uint8_t> ad_file(float gain) {
  std::vector<uint8_t> b;
  for (uint32_t i = 0; i < 25600; ++i) {
    const float v = static_cast<float>((i * 37) % 100) / 10.0f * gain;
    uint32_t bits;
    std::memcpy(&bits, &v, 4);
    for (int k = 0; k < 4; ++k) b.push_back(static_cast<uint8_t>(bits >> (8 * k)));
  }
  return b;
}

}  // namespace

TEST_CASE("MLPerf reference models run MLPerf-layout datasets", "[workload][dataset][mlperf]") {
  if (!test::mlperf_models_dir()) {
    WARN("skipped: MLPerf Tiny models not found (set TINYRACK_MLPERF_MODELS)");
    return;
  }
  const auto root = test::scratch_dir("mlperf-datasets");
  struct Case {
    const char* name;
    size_t bytes;
    int classes;
  };
  // kws01: 490 B int8 MFCCs; vww01 and ic01: uint8 RGB; ", " separators as kws01-open's lists.
  for (const Case c : {Case{"kws01", 490, 12}, Case{"vww01", 27648, 2}, Case{"ic01", 3072, 10}}) {
    write(root / c.name / "a.bin", pattern(c.bytes, 7));
    write(root / c.name / "b.bin", pattern(c.bytes, 13));
    std::ofstream(root / c.name / "y_labels.csv")
        << "a.bin, " << c.classes << ", 0\nb.bin, " << c.classes << ", 1\n";
  }
  write(root / "ad01" / "normal_id_01_00000000_hist_librosa.bin", ad_file(1.0f));
  write(root / "ad01" / "anomaly_id_01_00000000_hist_librosa.bin", ad_file(3.0f));
  std::ofstream(root / "ad01" / "y_labels.csv")
      << "normal_id_01_00000000_hist_librosa.bin,2,0,2560,512\n"
      << "anomaly_id_01_00000000_hist_librosa.bin,2,1,2560,512\n";

  for (const char* name : {"kws01", "vww01", "ic01", "ad01"}) {
    INFO(name);
    const auto spec = config::load_workload(test::source_dir() / "workloads" / "mlperf" /
                                            (std::string(name) + ".json"));
    harness::PrepareOptions options;
    options.dataset_dir = root;  // MLPerf's <dataset_path>/<model>/ layout
    const auto w = harness::prepare_workload(spec, test::source_dir(), options);
    CHECK(w.model_source == "mlperf");
    REQUIRE(w.host_accuracy);
    CHECK(w.dataset->dir == root / name);
    CHECK(w.host_accuracy->files == 2);
    if (std::string(name) == "ad01") {
      CHECK(w.dataset->files[0].windows == 196);
      CHECK(w.inputs.size() == 392);
      // The louder file reconstructs worse: the anomaly ranks above the normal one.
      CHECK(w.host_accuracy->value == 1.0);
    } else {
      CHECK(w.inputs.size() == 2);
      CHECK(w.host_accuracy->confusion->total() == 2);
    }
  }
}
