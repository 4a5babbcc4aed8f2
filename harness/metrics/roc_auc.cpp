#include "metrics/roc_auc.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>
#include <string>
#include <vector>

namespace tr::metrics {

double roc_auc(std::span<const ScoredSample> samples) {
  std::size_t positives = 0;
  for (std::size_t i = 0; i < samples.size(); ++i) {
    if (std::isnan(samples[i].score)) {
      throw std::invalid_argument("roc_auc: score of sample " + std::to_string(i) + " is NaN");
    }
    if (samples[i].anomalous) ++positives;
  }
  const std::size_t negatives = samples.size() - positives;
  if (positives == 0 || negatives == 0) {
    throw std::invalid_argument(std::string("roc_auc: no ") +
                                (positives == 0 ? "anomalous" : "normal") +
                                " samples, so the AUC is undefined");
  }
  // Rank all scores ascending; a run of equal scores shares the mean of its ranks. The sum of
  // the anomalous samples' ranks gives U = sum - P(P+1)/2, and AUC = U / (P N).
  std::vector<std::size_t> order(samples.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::sort(order.begin(), order.end(),
            [&](std::size_t a, std::size_t b) { return samples[a].score < samples[b].score; });
  double rank_sum = 0.0;
  std::size_t i = 0;
  while (i < order.size()) {
    std::size_t j = i;
    while (j + 1 < order.size() && samples[order[j + 1]].score == samples[order[i]].score) ++j;
    const double mean_rank = (static_cast<double>(i + 1) + static_cast<double>(j + 1)) / 2.0;
    for (std::size_t k = i; k <= j; ++k) {
      if (samples[order[k]].anomalous) rank_sum += mean_rank;
    }
    i = j + 1;
  }
  const auto p = static_cast<double>(positives);
  const auto n = static_cast<double>(negatives);
  return (rank_sum - p * (p + 1.0) / 2.0) / (p * n);
}

double roc_auc_one_vs_rest(const std::vector<std::vector<double>>& scores,
                           std::span<const std::size_t> labels, std::size_t classes) {
  if (scores.size() != labels.size()) {
    throw std::invalid_argument("roc_auc_one_vs_rest: " + std::to_string(scores.size()) +
                                " score rows for " + std::to_string(labels.size()) + " labels");
  }
  std::vector<std::size_t> count(classes, 0);
  for (std::size_t i = 0; i < labels.size(); ++i) {
    if (labels[i] >= classes || scores[i].size() < classes) {
      throw std::invalid_argument("roc_auc_one_vs_rest: sample " + std::to_string(i) +
                                  " has a label or score row outside the " +
                                  std::to_string(classes) + " classes");
    }
    ++count[labels[i]];
  }
  double sum = 0;
  std::size_t used = 0;
  std::vector<ScoredSample> samples(labels.size());
  for (std::size_t c = 0; c < classes; ++c) {
    if (count[c] == 0) continue;
    if (count[c] == labels.size()) break;  // one class only: caught below
    for (std::size_t i = 0; i < labels.size(); ++i) samples[i] = {scores[i][c], labels[i] == c};
    sum += roc_auc(samples);
    ++used;
  }
  if (used < 2) {
    throw std::invalid_argument(
        "roc_auc_one_vs_rest: fewer than two classes occur, so the AUC "
        "is undefined");
  }
  return sum / static_cast<double>(used);
}

}  // namespace tr::metrics
