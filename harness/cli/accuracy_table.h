// How a dataset workload's metric is shown: one short figure ("91.7 %", "0.912 AUC"), the
// per-class table of a top-1 workload, and the JSON object `tinyrack evaluate --json` prints.
#pragma once

#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>

#include "dataset/accuracy.h"
#include "run/prepared_workload.h"

namespace tr::cli {

// "91.7 %" for top1 (value in %), "0.912 AUC" for roc_auc.
std::string format_metric(const std::string& metric, double value);

// The workload's host-engine metric and, for top1, one row per class: files, correct, recall,
// precision, and the most frequent wrong prediction.
void print_evaluation(const harness::PreparedWorkload& workload, std::FILE* out);

// {name, file, model, dataset, metric, score, value, unit, classes, per_class[], confusion}
nlohmann::json evaluation_json(const harness::PreparedWorkload& workload);

}  // namespace tr::cli
