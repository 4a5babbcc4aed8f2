// Area under the ROC curve for anomaly detection: the probability that a randomly chosen
// anomalous sample scores higher than a randomly chosen normal one, ties counting one half
// (the Mann-Whitney U statistic over both counts, exact for tied scores, the same value
// sklearn.metrics.roc_auc_score gives).
#pragma once

#include <cstddef>
#include <span>
#include <vector>

namespace tr::metrics {

struct ScoredSample {
  double score = 0.0;  // higher = more anomalous (e.g. reconstruction error)
  bool anomalous = false;
};

// Throws std::invalid_argument when a score is NaN (naming the sample's index) or either class
// is empty (the AUC is undefined then).
double roc_auc(std::span<const ScoredSample> samples);

// Multi-class AUC, one class against the rest, averaged over the classes (sklearn's
// roc_auc_score(multi_class="ovr", average="macro"), which MLPerf Tiny's runner uses): class c's
// AUC ranks every sample by scores[i][c] with the samples labelled c as positive. Classes that no
// sample has are left out of the average (sklearn refuses such sets). Throws
// std::invalid_argument when fewer than two classes occur or a score row is too short.
double roc_auc_one_vs_rest(const std::vector<std::vector<double>>& scores,
                           std::span<const std::size_t> labels, std::size_t classes);

}  // namespace tr::metrics
