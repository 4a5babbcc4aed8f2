#include "dataset/dataset.h"

#include <catch2/catch.hpp>

#include "config/config_error.h"
#include "dataset_files.h"
#include "support/test_paths.h"

using namespace tr;
using namespace tr::dataset;
using namespace tr::dataset::test;
using Catch::Matchers::Contains;
using config::FromFile;
using config::Metric;
using config::ScoreRule;

namespace {

config::WorkloadSpec three_class_int8() {
  return dataset_workload({"a", "b", "c"}, FromFile::int8, ScoreRule::class_scores, Metric::top1);
}

DatasetRequest request_for(const std::filesystem::path& dir, uint32_t elements) {
  DatasetRequest r;
  r.dir = dir;
  r.input = {0.5f, 0};
  r.input_elements = elements;
  return r;
}

std::string error_of(const config::WorkloadSpec& w, const DatasetRequest& r) {
  try {
    load_dataset(w, r);
  } catch (const config::ConfigError& e) {
    return e.what();
  }
  FAIL("expected a ConfigError");
  return {};
}

}  // namespace

TEST_CASE("whole-file inputs in y_labels order, with a per-class subset", "[dataset]") {
  const auto dir = tr::test::scratch_dir("dataset-files");
  write_text(dir / "y_labels.csv",
             "a0.bin,3,0\nb0.bin, 3, 1\na1.bin,3,0\nc0.bin,3,2\na2.bin,3,0\n");
  for (const char* f : {"a0.bin", "b0.bin", "a1.bin", "c0.bin", "a2.bin"}) {
    write_file(dir / f, {static_cast<uint8_t>(f[0]), static_cast<uint8_t>(f[1]), 0, 0});
  }
  const auto all = load_dataset(three_class_int8(), request_for(dir, 4));
  CHECK(all.rows == 5);
  CHECK(all.windows == 5);
  REQUIRE(all.files.size() == 5);
  CHECK(all.files[1].name == "b0.bin");
  CHECK(all.files[1].label == 1);
  CHECK(all.files[1].line == 2);
  CHECK(all.files[3].first_input == 3);
  CHECK(all.tensors[1] == std::vector<uint8_t>{'b', '0', 0, 0});
  CHECK(all.files[0].values.empty());  // class-scores keeps no reference values

  auto r = request_for(dir, 4);
  r.per_class = 2;
  const auto subset = load_dataset(three_class_int8(), r);
  CHECK(subset.per_class == 2);
  REQUIRE(subset.files.size() == 4);  // a0 b0 a1 c0: a2 is the third of class 0
  CHECK(subset.files[2].name == "a1.bin");
  CHECK(subset.files[3].name == "c0.bin");
}

TEST_CASE("an AD-style float file gives 196 windows of quantized values", "[dataset]") {
  const auto dir = tr::test::scratch_dir("dataset-windows");
  std::vector<float> values(25600);
  for (size_t i = 0; i < values.size(); ++i) values[i] = static_cast<float>(i % 640) * 0.01f;
  write_file(dir / "normal_id_01_00000000_hist_librosa.bin", floats_le(values));
  write_text(dir / "y_labels.csv", "normal_id_01_00000000_hist_librosa.bin, 2, 0, 2560, 512\n");
  auto w = dataset_workload({"normal", "anomaly"}, FromFile::float32_quantize,
                            ScoreRule::reconstruction_mse, Metric::roc_auc);
  auto r = request_for(dir, 640);
  r.input = {0.391015f, 89};
  const auto d = load_dataset(w, r);
  REQUIRE(d.files.size() == 1);
  CHECK(d.files[0].windows == 196);
  CHECK(d.windows == 196);
  REQUIRE(d.tensors.size() == 196);
  CHECK(d.tensors[0].size() == 640);
  // Window 1 starts 128 floats in: value 1.28 -> round(1.28 / 0.391015) + 89 = 3 + 89.
  CHECK(static_cast<int8_t>(d.tensors[1][0]) == 92);
  CHECK(d.files[0].values_stride == 128);
  CHECK(d.files[0].reference(1, 640)[0] == values[128]);
  CHECK(d.files[0].reference(195, 640).back() == values[195 * 128 + 639]);
}

TEST_CASE("dataset errors name the labels file, the line and the .bin", "[dataset]") {
  const auto dir = tr::test::scratch_dir("dataset-errors");
  write_file(dir / "ok.bin", {1, 2, 3, 4});
  write_file(dir / "short.bin", {1, 2, 3});
  const auto labels = (dir / "y_labels.csv").string();
  struct Case {
    std::string csv;
    std::string problem;
  };
  const std::vector<Case> cases = {
      {"ok.bin,3,0\nmissing.bin,3,1\n", "line 2: cannot read"},
      {"ok.bin,3,0\nshort.bin,3,1\n", "line 2: short.bin: has 3 bytes; the input tensor needs 4"},
      {"ok.bin,12,0\n", "line 1: ok.bin: the row says 12 classes, the workload has 3"},
      {"ok.bin,3,0,2,1\n", "bytes_to_send 2 is not the input tensor's 4 bytes"},
      {"ok.bin,3\n", "line 1: expected 3 fields"},
      {"\n\n", "(file): the dataset lists no files"},
  };
  for (const auto& c : cases) {
    INFO(c.csv);
    write_text(labels, c.csv);
    const auto message = error_of(three_class_int8(), request_for(dir, 4));
    CHECK_THAT(message, Contains(labels + ": "));
    CHECK_THAT(message, Contains(c.problem));
  }
  std::filesystem::remove(labels);
  CHECK_THAT(error_of(three_class_int8(), request_for(dir, 4)),
             Contains("cannot open the labels file"));
}

TEST_CASE("the dataset folder: --dataset DIR, DIR/<name>, or dataset.path", "[dataset]") {
  const auto dir = tr::test::scratch_dir("dataset-dir");
  auto w = three_class_int8();
  w.name = "kws01";
  write_text(dir / "flat" / "y_labels.csv", "x");
  write_text(dir / "root" / "kws01" / "y_labels.csv", "x");
  CHECK(dataset_dir(w, dir / "flat") == dir / "flat");
  CHECK(dataset_dir(w, dir / "root") == dir / "root" / "kws01");
  CHECK_THROWS_WITH(dataset_dir(w, dir), Contains("subfolder 'kws01'"));
  CHECK_THROWS_WITH(dataset_dir(w, std::nullopt),
                    Contains("give the dataset folder with --dataset"));
  w.dataset->path = dir / "flat";
  CHECK(dataset_dir(w, std::nullopt) == dir / "flat");
}
