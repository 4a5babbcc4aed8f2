// Turns a rack run into the report's plain data. Figures get their unit and provenance here:
// instruction counts are `emulated`; latency derived from them with the target's clock and
// cycles-per-instruction is `modelled`, with its basis spelled out.
#pragma once

#include <filesystem>

#include "config/rack_spec.h"
#include "reports/report.h"
#include "run/prepared_workload.h"
#include "run/rack_run.h"

namespace tr::harness {

struct RunContext {
  std::filesystem::path rack_file;
  std::filesystem::path workload_file;
  bool interrupted = false;
};

report::Report build_report(const config::RackSpec& rack, const PreparedWorkload& workload,
                            const RackRunResult& run, const RunContext& context);

// sha256 over the output tensors of every window, concatenated in input order.
std::string outputs_sha256(const BoardOutcome& outcome);

}  // namespace tr::harness
