// Scoring by hand-computed cases: MLPerf's per-file averaging of normalised class scores, and
// per-file mean reconstruction errors ranked into an AUC.
#include "dataset/accuracy.h"

#include <catch2/catch.hpp>

#include "dataset_files.h"

using namespace tr;
using namespace tr::dataset;
using namespace tr::dataset::test;
using config::FromFile;
using config::Metric;
using config::ScoreRule;

namespace {

std::vector<uint8_t> q(std::initializer_list<int> values) {
  std::vector<uint8_t> out;
  for (int v : values) out.push_back(static_cast<uint8_t>(static_cast<int8_t>(v)));
  return out;
}

using Outputs = std::vector<std::vector<uint8_t>>;

DatasetFile file(const char* name, uint32_t label, uint32_t first, uint32_t windows) {
  DatasetFile f;
  f.name = name;
  f.label = label;
  f.first_input = first;
  f.windows = windows;
  return f;
}

}  // namespace

TEST_CASE("top-1 averages each file's normalised window scores", "[dataset][accuracy]") {
  const auto w =
      dataset_workload({"a", "b", "c"}, FromFile::int8, ScoreRule::class_scores, Metric::top1);
  Dataset d;
  // File x (class 0), two windows at scale 0.25: [2, 0, 0] -> [1, 0, 0]; [0.25, 3, 0] ->
  // [1/13, 12/13, 0]. Mean [0.538, 0.462, 0]: class 0, right. Averaging the raw scores would
  // give [1.125, 1.5, 0] and class 1: the normalisation is what makes it right.
  // File y (class 2), one window [0, 1, 0.5]: predicted class 1, wrong.
  // File z (class 1), one window of zeros (sum 0, left unnormalised): argmax 0, wrong.
  d.files = {file("x", 0, 0, 2), file("y", 2, 2, 1), file("z", 1, 3, 1)};
  d.windows = 4;
  const std::vector<std::vector<uint8_t>> outputs = {q({8, 0, 0}), q({1, 12, 0}), q({0, 4, 2}),
                                                     q({0, 0, 0})};
  const auto acc = score_dataset(w, d, {0.25f, 0}, outputs);
  CHECK(acc.metric == Metric::top1);
  CHECK(acc.files == 3);
  CHECK(acc.windows == 4);
  CHECK(acc.value == Approx(1.0 / 3.0));
  REQUIRE(acc.confusion);
  CHECK(acc.confusion->count(0, 0) == 1);
  CHECK(acc.confusion->count(2, 1) == 1);
  CHECK(acc.confusion->count(1, 0) == 1);
}

TEST_CASE("the output zero point is taken off before normalising", "[dataset][accuracy]") {
  // A softmax output (scale 1/256, zero point -128): q = -128 means probability 0.
  const auto w =
      dataset_workload({"no", "yes"}, FromFile::int8, ScoreRule::class_scores, Metric::top1);
  Dataset d;
  d.files = {file("p", 1, 0, 1), file("n", 0, 1, 1)};
  d.windows = 2;
  const auto acc = score_dataset(w, d, {1.0f / 256, -128}, Outputs{q({-128, 127}), q({100, -100})});
  CHECK(acc.value == Approx(1.0));
}

TEST_CASE("reconstruction-mse: per-file mean window error, then the AUC", "[dataset][accuracy]") {
  const auto w = dataset_workload({"normal", "anomaly"}, FromFile::float32_quantize,
                                  ScoreRule::reconstruction_mse, Metric::roc_auc);
  // Output scale 0.5, zero point 0; two values per window, windows one value apart.
  // n1 (normal): file values [1, 2, 3]; windows [1, 2], [2, 3]; outputs [1, 2] and [2, 2]:
  //   errors 0 and (0 + 1) / 2 = 0.5 -> score 0.25.
  // a1 (anomaly): values [0, 0]; one window; output [1, 0]: error 0.5 -> score 0.5.
  // n2 (normal): values [4, 4]; output [4, 3]: error 0.5 -> score 0.5 (ties a1).
  // AUC: a1 beats n1 (1) and ties n2 (1/2): (1 + 0.5) / 2 = 0.75.
  Dataset d;
  d.files = {file("n1", 0, 0, 2), file("a1", 1, 2, 1), file("n2", 0, 3, 1)};
  d.files[0].values = {1, 2, 3};
  d.files[0].values_stride = 1;
  d.files[1].values = {0, 0};
  d.files[1].values_stride = 2;
  d.files[2].values = {4, 4};
  d.files[2].values_stride = 2;
  d.windows = 4;
  const std::vector<std::vector<uint8_t>> outputs = {q({2, 4}), q({4, 4}), q({2, 0}), q({8, 6})};
  const auto acc = score_dataset(w, d, {0.5f, 0}, outputs);
  CHECK(acc.metric == Metric::roc_auc);
  CHECK_FALSE(acc.confusion);
  CHECK(acc.value == Approx(0.75));
}

TEST_CASE("window errors printed by a DUT score like outputs: per-file mean, then the AUC",
          "[dataset][accuracy]") {
  const auto w = dataset_workload({"normal", "anomaly"}, FromFile::float32_quantize,
                                  ScoreRule::reconstruction_mse, Metric::roc_auc);
  // The errors of the case above, as a standard-only DUT prints them: n1 (0, 0.5) -> 0.25,
  // a1 0.5, n2 0.5 -> AUC (1 + 0.5) / 2 = 0.75.
  Dataset d;
  d.files = {file("n1", 0, 0, 2), file("a1", 1, 2, 1), file("n2", 0, 3, 1)};
  d.windows = 4;
  const std::vector<double> errors = {0.0, 0.5, 0.5, 0.5};
  const auto acc = score_window_errors(w, d, errors);
  CHECK(acc.files == 3);
  CHECK(acc.windows == 4);
  CHECK(acc.value == Approx(0.75));
  // A file scored by its last window only would give n1 0.5 and AUC 0.5: the mean matters.
  const std::vector<double> one_short = {0.0, 0.5, 0.5};
  CHECK_THROWS_WITH(score_window_errors(w, d, one_short), Catch::Contains("4 window errors"));
  const auto classifier =
      dataset_workload({"a", "b"}, FromFile::int8, ScoreRule::class_scores, Metric::top1);
  CHECK_THROWS_WITH(score_window_errors(classifier, d, errors),
                    Catch::Contains("reconstruction-mse"));
}

TEST_CASE("class-score AUC: column 1 for two classes, one-vs-rest beyond", "[dataset][accuracy]") {
  auto w =
      dataset_workload({"no", "yes"}, FromFile::int8, ScoreRule::class_scores, Metric::roc_auc);
  Dataset d;
  d.files = {file("a", 1, 0, 1), file("b", 0, 1, 1), file("c", 1, 2, 1)};
  d.windows = 3;
  // P(yes): a 0.75, b 0.5, c 0.25. Positives {0.75, 0.25} vs negative {0.5}: AUC 1/2.
  const auto two = score_dataset(w, d, {0.25f, 0}, Outputs{q({1, 3}), q({2, 2}), q({3, 1})});
  CHECK(two.value == Approx(0.5));

  w.classes = {"x", "y", "z"};
  // Three files, one per class, each scoring its own class highest: every one-vs-rest AUC is 1.
  d.files = {file("a", 0, 0, 1), file("b", 1, 1, 1), file("c", 2, 2, 1)};
  const auto three =
      score_dataset(w, d, {0.25f, 0}, Outputs{q({4, 1, 1}), q({1, 4, 1}), q({1, 1, 4})});
  CHECK(three.value == Approx(1.0));
}

TEST_CASE("scoring refuses a wrong number of outputs", "[dataset][accuracy]") {
  const auto w =
      dataset_workload({"a", "b"}, FromFile::int8, ScoreRule::class_scores, Metric::top1);
  Dataset d;
  d.files = {file("x", 0, 0, 2)};
  d.windows = 2;
  CHECK_THROWS_AS(score_dataset(w, d, {1.0f, 0}, Outputs{q({1, 0})}), std::invalid_argument);
  CHECK_THROWS_AS(score_dataset(w, d, {1.0f, 0}, Outputs{q({1, 0}), q({1, 0, 0})}),
                  std::invalid_argument);
}
