// The table `tinyrack run` prints, one row per board and workload: status, emulated
// instructions, modelled latency, memory, whether the outputs matched the host engine and the
// on-board metric of dataset workloads.
#pragma once

#include <cstdio>

#include "reports/report.h"

namespace tr::cli {

void print_run_table(const report::Report& report, std::FILE* out);

}  // namespace tr::cli
