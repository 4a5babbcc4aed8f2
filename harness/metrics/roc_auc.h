// Area under the ROC curve for anomaly detection: the probability that a randomly chosen
// anomalous sample scores higher than a randomly chosen normal one, ties counting one half
// (the Mann-Whitney U statistic over both counts, exact for tied scores, the same value
// sklearn.metrics.roc_auc_score gives).
#pragma once

#include <span>

namespace tr::metrics {

struct ScoredSample {
  double score = 0.0;  // higher = more anomalous (e.g. reconstruction error)
  bool anomalous = false;
};

// Throws std::invalid_argument when a score is NaN (naming the sample's index) or either class
// is empty (the AUC is undefined then).
double roc_auc(std::span<const ScoredSample> samples);

}  // namespace tr::metrics
