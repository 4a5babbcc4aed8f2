// The per-operator table `tinyrack profile` prints: index, operator, shapes, MACs, time
// (instructions or µs), share of the operator sum and arena in use, then the totals that show
// what profiling cost. Returns text; the CLI decides where it goes.
#pragma once

#include <string>

#include "reports/report.h"

namespace tr::harness {

std::string format_profile_table(const report::ProfileInfo& profile);

// "1x49x10x1"; "-" for a rank-0 shape.
std::string format_shape(const std::vector<int32_t>& shape);

}  // namespace tr::harness
