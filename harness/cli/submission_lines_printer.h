// After a run: the lines MLPerf Tiny's submission checker reads, per board and workload, so a
// tinyrack run (and a standard-only vendor DUT it drove) can be compared with a submission.
#pragma once

#include <cstdio>
#include <vector>

#include "reports/report.h"
#include "run/rack_run.h"

namespace tr::cli {

void print_submission_lines(const report::Report& rep, const harness::SuiteRunResult& result,
                            const std::vector<const harness::PreparedWorkload*>& workloads,
                            std::FILE* out);

}  // namespace tr::cli
