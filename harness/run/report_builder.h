// Turns a rack run into the report's plain data. Figures get their unit and provenance here:
// instruction counts are `emulated`; latency derived from them with the target's clock and
// cycles-per-instruction is `modelled`, with its basis spelled out.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "config/rack_spec.h"
#include "reports/report.h"
#include "run/prepared_workload.h"
#include "run/rack_run.h"

namespace tr::harness {

struct RunContext {
  std::filesystem::path rack_file;
  std::optional<report::SuiteInfo> suite;  // run --suite
  bool interrupted = false;
};

// One workload; its file is the path the workload was loaded from.
report::Report build_report(const config::RackSpec& rack, const PreparedWorkload& workload,
                            const RackRunResult& run, const RunContext& context);
// Several: run.workloads[i] holds the outcomes of workloads[i].
report::Report build_report(const config::RackSpec& rack,
                            const std::vector<const PreparedWorkload*>& workloads,
                            const SuiteRunResult& run, const RunContext& context);

// The report's view of a workload (model, inputs, dataset and the host engine's metric).
report::WorkloadInfo workload_info(const PreparedWorkload& workload);

// A board's metric from its outputs, beside the host engine's; nullopt for workloads without a
// dataset or when the board did not run every input.
std::optional<report::AccuracyInfo> board_accuracy(const PreparedWorkload& workload,
                                                   const BoardOutcome& outcome,
                                                   const std::string& provenance);

// The value a metric shows in the report: top-1 in %, an AUC as is.
double report_value(const dataset::Accuracy& accuracy);

// sha256 over the output tensors of every window, concatenated in input order.
std::string outputs_sha256(const BoardOutcome& outcome);

}  // namespace tr::harness
