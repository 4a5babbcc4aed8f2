// Inferences per second of a board's windows from its own timestamp clock, as the MLCommons
// runner computes them (facts/dut-protocol.md §9): iterations / ((B − A) / timer_hz). Works for
// both DUT kinds: a standard-only DUT's windows hold µs with timer_hz = 1000000.
#pragma once

#include <vector>

#include "session/board_session.h"

namespace tr::harness::mlperf {

// One figure per window; throws std::invalid_argument naming the window when its clock
// difference is 0 or the board's timer rate is unknown.
std::vector<double> window_throughputs(const BoardOutcome& outcome);
// Their median (Python's statistics.median), for median_throughput_line().
double board_median_throughput(const BoardOutcome& outcome);

}  // namespace tr::harness::mlperf
