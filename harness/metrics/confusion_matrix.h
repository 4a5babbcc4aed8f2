// Classification metrics for a workload's test set: a confusion matrix (rows = true class,
// columns = predicted class), top-1 accuracy and per-class precision and recall. Class
// indices come from the workload file; anything outside [0, classes) is rejected with the
// sample it came from, never counted.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace tr::metrics {

// The predicted class of one output vector: the index of the largest value, the lowest such
// index on ties (numpy.argmax's rule, which MLPerf Tiny's scripts use). Throws
// std::invalid_argument for an empty vector.
std::size_t argmax(std::span<const int8_t> scores);
std::size_t argmax(std::span<const float> scores);
std::size_t argmax(std::span<const double> scores);

class ConfusionMatrix {
 public:
  explicit ConfusionMatrix(std::size_t classes);

  // Throws std::out_of_range naming `sample` when either index is not a class.
  void add(std::size_t truth, std::size_t predicted, const std::string& sample = "");

  std::size_t classes() const { return classes_; }
  std::size_t total() const { return total_; }
  std::size_t count(std::size_t truth, std::size_t predicted) const;
  std::size_t correct() const;

  // Fraction in [0, 1]; nullopt before any sample (an empty test set has no accuracy).
  std::optional<double> top1() const;
  // Of the samples of class c, the fraction predicted as c; nullopt when c has no samples.
  std::optional<double> recall(std::size_t c) const;
  // Of the samples predicted as c, the fraction that are c; nullopt when none was predicted c.
  std::optional<double> precision(std::size_t c) const;

 private:
  std::size_t classes_;
  std::size_t total_ = 0;
  std::vector<std::size_t> cells_;  // classes_ x classes_, row-major by true class
};

}  // namespace tr::metrics
