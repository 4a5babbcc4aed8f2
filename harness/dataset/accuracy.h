// A workload's metric over a dataset from one set of raw outputs (the host engine's or a
// board's), so both are scored by the same code. MLPerf Tiny's rules (facts/dut-protocol.md §9):
// class-scores averages each file's normalised class probabilities over its windows and takes
// the argmax; reconstruction-mse averages each file's window errors into its anomaly score.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "config/workload_spec.h"
#include "dataset/dataset.h"
#include "metrics/confusion_matrix.h"

namespace tr::dataset {

struct Accuracy {
  config::Metric metric = config::Metric::top1;
  double value = 0;  // top1: fraction in [0, 1]; roc_auc: the AUC
  std::uint32_t files = 0;
  std::uint32_t windows = 0;
  std::optional<metrics::ConfusionMatrix> confusion;  // top1 only
};

// `outputs[i]` is the raw output tensor of window i (the dataset's window order). Throws
// std::invalid_argument when an output is missing or has the wrong size, or the metric is
// undefined on this set (an AUC with one class only).
Accuracy score_dataset(const config::WorkloadSpec& workload, const Dataset& dataset,
                       Quantization output, std::span<const std::vector<std::uint8_t>> outputs);

// A reconstruction-mse workload scored from each window's error as a DUT printed it (a
// standard-only MLPerf firmware prints the MSE, not the output tensor): per-file mean, then the
// metric. Throws std::invalid_argument as score_dataset does.
Accuracy score_window_errors(const config::WorkloadSpec& workload, const Dataset& dataset,
                             std::span<const double> window_errors);

}  // namespace tr::dataset
