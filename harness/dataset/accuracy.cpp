#include "dataset/accuracy.h"

#include <stdexcept>
#include <string>

#include "metrics/output_scores.h"
#include "metrics/roc_auc.h"

namespace tr::dataset {
namespace {

std::span<const int8_t> as_int8(const std::vector<std::uint8_t>& bytes) {
  return {reinterpret_cast<const int8_t*>(bytes.data()), bytes.size()};
}

// Mean of a file's normalised class-probability vectors over its windows.
std::vector<double> file_probabilities(const DatasetFile& file, std::size_t classes, Quantization q,
                                       std::span<const std::vector<std::uint8_t>> outputs) {
  std::vector<double> mean(classes, 0.0);
  for (std::uint32_t k = 0; k < file.windows; ++k) {
    const auto p =
        metrics::class_probabilities(as_int8(outputs[file.first_input + k]), q.scale, q.zero_point);
    for (std::size_t c = 0; c < classes; ++c) mean[c] += p[c];
  }
  for (double& v : mean) v /= file.windows;
  return mean;
}

double file_reconstruction_error(const DatasetFile& file, std::uint32_t elements, Quantization q,
                                 std::span<const std::vector<std::uint8_t>> outputs) {
  double sum = 0;
  for (std::uint32_t k = 0; k < file.windows; ++k) {
    sum += metrics::reconstruction_mse(as_int8(outputs[file.first_input + k]), q.scale,
                                       q.zero_point, file.reference(k, elements));
  }
  return sum / file.windows;
}

// The workload's metric from one score vector per file (class probabilities, or {0, anomaly
// score}).
Accuracy metric_over_files(const config::WorkloadSpec& workload, const Dataset& dataset,
                           Accuracy acc, const std::vector<std::size_t>& labels,
                           const std::vector<std::vector<double>>& file_scores) {
  const std::size_t classes = workload.classes.size();
  if (workload.metric == config::Metric::top1) {
    acc.confusion.emplace(classes);
    for (std::size_t f = 0; f < labels.size(); ++f) {
      acc.confusion->add(labels[f], metrics::argmax(std::span<const double>(file_scores[f])),
                         dataset.files[f].name);
    }
    acc.value = acc.confusion->top1().value_or(0.0);
    return acc;
  }
  if (classes == 2) {  // MLPerf: the positive class's column
    std::vector<metrics::ScoredSample> samples;
    for (std::size_t f = 0; f < labels.size(); ++f) {
      samples.push_back({file_scores[f][1], labels[f] == 1});
    }
    acc.value = metrics::roc_auc(samples);
  } else {
    acc.value = metrics::roc_auc_one_vs_rest(file_scores, labels, classes);
  }
  return acc;
}

}  // namespace

Accuracy score_dataset(const config::WorkloadSpec& workload, const Dataset& dataset,
                       Quantization output, std::span<const std::vector<std::uint8_t>> outputs) {
  if (outputs.size() != dataset.windows) {
    throw std::invalid_argument("scoring needs " + std::to_string(dataset.windows) +
                                " outputs, got " + std::to_string(outputs.size()));
  }
  const std::size_t classes = workload.classes.size();
  const auto out_elements = outputs.empty() ? 0u : outputs[0].size();
  for (std::size_t i = 0; i < outputs.size(); ++i) {
    if (outputs[i].size() != out_elements) {
      throw std::invalid_argument("output " + std::to_string(i) + " has " +
                                  std::to_string(outputs[i].size()) + " values, output 0 has " +
                                  std::to_string(out_elements));
    }
  }
  Accuracy acc;
  acc.metric = workload.metric;
  acc.files = static_cast<std::uint32_t>(dataset.files.size());
  acc.windows = static_cast<std::uint32_t>(outputs.size());

  std::vector<std::size_t> labels;
  std::vector<std::vector<double>> file_scores;
  for (const DatasetFile& file : dataset.files) {
    labels.push_back(file.label);
    if (workload.score == config::ScoreRule::reconstruction_mse) {
      const double e = file_reconstruction_error(file, static_cast<std::uint32_t>(out_elements),
                                                 output, outputs);
      file_scores.push_back({0.0, e});  // column 1 = anomaly score
    } else {
      if (out_elements != classes) {
        throw std::invalid_argument("outputs have " + std::to_string(out_elements) +
                                    " values for " + std::to_string(classes) + " classes");
      }
      file_scores.push_back(file_probabilities(file, classes, output, outputs));
    }
  }

  return metric_over_files(workload, dataset, std::move(acc), labels, file_scores);
}

Accuracy score_window_errors(const config::WorkloadSpec& workload, const Dataset& dataset,
                             std::span<const double> window_errors) {
  if (workload.score != config::ScoreRule::reconstruction_mse) {
    throw std::invalid_argument("window errors score only reconstruction-mse workloads");
  }
  if (window_errors.size() != dataset.windows) {
    throw std::invalid_argument("scoring needs " + std::to_string(dataset.windows) +
                                " window errors, got " + std::to_string(window_errors.size()));
  }
  Accuracy acc;
  acc.metric = workload.metric;
  acc.files = static_cast<std::uint32_t>(dataset.files.size());
  acc.windows = static_cast<std::uint32_t>(window_errors.size());
  std::vector<std::size_t> labels;
  std::vector<std::vector<double>> file_scores;
  for (const DatasetFile& file : dataset.files) {
    labels.push_back(file.label);
    double sum = 0;
    for (std::uint32_t k = 0; k < file.windows; ++k) sum += window_errors[file.first_input + k];
    file_scores.push_back({0.0, sum / file.windows});  // column 1 = anomaly score
  }
  return metric_over_files(workload, dataset, std::move(acc), labels, file_scores);
}

}  // namespace tr::dataset
