// The per-board table `tinyrack run` prints: status, emulated instructions, modelled latency,
// memory and whether the outputs matched the host engine.
#pragma once

#include <cstdio>

#include "reports/report.h"

namespace tr::cli {

void print_run_table(const report::Report& report, std::FILE* out);

}  // namespace tr::cli
