// The result lines MLPerf Tiny's submission checker reads from results.txt
// (facts/dut-protocol.md §9, §12), formatted exactly as the MLCommons runner prints them, so a
// tinyrack run can stand next to a reference submission. Each formatter throws
// std::invalid_argument naming the figure when it is not a value the line can carry.
#pragma once

#include <cstdint>
#include <span>
#include <string>

namespace tr::harness::mlperf {

// Inferences per second of one timed window: iterations / ((lap B - lap A) / 1e6 s).
double throughput(uint64_t elapsed_us, uint32_t iterations);
// The median of the windows' throughputs (the mean of the middle two for an even count), as
// Python's statistics.median, which the runner uses.
double median_throughput(std::span<const double> per_window);

// "ulp-mlperf: Median throughput is {:>10.3f} inf./sec."
std::string median_throughput_line(double inferences_per_second);
// "ulp-mlperf: Top 1% = {:2.1f}" with the accuracy in percent (0..100).
std::string top1_line(double percent);
// "ulp-mlperf: AUC = {:.3f}" (0..1).
std::string auc_line(double auc);
// "Median energy cost is {:5.4f} uJ/inf." (energy per inference in microjoules). The checker's
// pattern for it has no leading ".*", so nothing may precede it on the line; labels go after.
std::string median_energy_line(double microjoules);

}  // namespace tr::harness::mlperf
