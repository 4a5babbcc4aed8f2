#include "mlperf/board_throughput.h"

#include <stdexcept>

#include "mlperf/submission_lines.h"

namespace tr::harness::mlperf {

std::vector<double> window_throughputs(const BoardOutcome& outcome) {
  const uint32_t hz = outcome.identity.timer_hz;
  if (hz == 0) {
    throw std::invalid_argument(outcome.board + ": the board's timer rate is unknown (0 Hz)");
  }
  std::vector<double> out;
  for (const WindowResult& w : outcome.windows) {
    if (w.ticks == 0) {
      throw std::invalid_argument(outcome.board + ": window " + w.input +
                                  " has no time between its laps");
    }
    const double seconds = static_cast<double>(w.ticks) / static_cast<double>(hz);
    out.push_back(static_cast<double>(w.iterations) / seconds);
  }
  return out;
}

double board_median_throughput(const BoardOutcome& outcome) {
  return median_throughput(window_throughputs(outcome));
}

}  // namespace tr::harness::mlperf
