// The table `tinyrack run` prints, one row per board and workload: status, emulated
// instructions, modelled latency and energy, memory, whether the outputs matched the host engine
// and the on-board metric of dataset workloads; then per board what its energy rests on or why
// it has none.
#pragma once

#include <cstdio>

#include "reports/report.h"

namespace tr::cli {

void print_run_table(const report::Report& report, std::FILE* out);

}  // namespace tr::cli
