#include "metrics/confusion_matrix.h"

#include <stdexcept>

namespace tr::metrics {
namespace {

template <typename T>
std::size_t first_max(std::span<const T> scores) {
  if (scores.empty()) throw std::invalid_argument("argmax of an empty output vector");
  std::size_t best = 0;
  for (std::size_t i = 1; i < scores.size(); ++i) {
    if (scores[i] > scores[best]) best = i;
  }
  return best;
}

}  // namespace

std::size_t argmax(std::span<const int8_t> scores) {
  return first_max(scores);
}

std::size_t argmax(std::span<const float> scores) {
  return first_max(scores);
}

std::size_t argmax(std::span<const double> scores) {
  return first_max(scores);
}

ConfusionMatrix::ConfusionMatrix(std::size_t classes)
    : classes_(classes), cells_(classes * classes, 0) {
  if (classes == 0) throw std::invalid_argument("a confusion matrix needs at least one class");
}

void ConfusionMatrix::add(std::size_t truth, std::size_t predicted, const std::string& sample) {
  if (truth >= classes_ || predicted >= classes_) {
    const bool bad_truth = truth >= classes_;
    throw std::out_of_range((sample.empty() ? std::string("sample") : sample) + ": " +
                            (bad_truth ? "true class " : "predicted class ") +
                            std::to_string(bad_truth ? truth : predicted) + " is not one of the " +
                            std::to_string(classes_) + " classes");
  }
  ++cells_[truth * classes_ + predicted];
  ++total_;
}

std::size_t ConfusionMatrix::count(std::size_t truth, std::size_t predicted) const {
  return cells_.at(truth * classes_ + predicted);
}

std::size_t ConfusionMatrix::correct() const {
  std::size_t n = 0;
  for (std::size_t c = 0; c < classes_; ++c) n += cells_[c * classes_ + c];
  return n;
}

std::optional<double> ConfusionMatrix::top1() const {
  if (total_ == 0) return std::nullopt;
  return static_cast<double>(correct()) / static_cast<double>(total_);
}

std::optional<double> ConfusionMatrix::recall(std::size_t c) const {
  std::size_t row = 0;
  for (std::size_t p = 0; p < classes_; ++p) row += count(c, p);
  if (row == 0) return std::nullopt;
  return static_cast<double>(count(c, c)) / static_cast<double>(row);
}

std::optional<double> ConfusionMatrix::precision(std::size_t c) const {
  std::size_t column = 0;
  for (std::size_t t = 0; t < classes_; ++t) column += count(t, c);
  if (column == 0) return std::nullopt;
  return static_cast<double>(count(c, c)) / static_cast<double>(column);
}

}  // namespace tr::metrics
