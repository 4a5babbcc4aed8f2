#include "cli/submission_lines_printer.h"

#include <exception>
#include <string>

#include "mlperf/board_throughput.h"
#include "mlperf/submission_lines.h"

namespace tr::cli {
namespace {

const report::ResultEntry* find_result(const report::Report& rep, const std::string& board,
                                       const std::string& workload) {
  for (const auto& r : rep.results) {
    if (r.board == board && r.workload == workload) return &r;
  }
  return nullptr;
}

}  // namespace

void print_submission_lines(const report::Report& rep, const harness::SuiteRunResult& result,
                            const std::vector<const harness::PreparedWorkload*>& workloads,
                            std::FILE* out) {
  bool header = false;
  for (size_t w = 0; w < result.workloads.size() && w < workloads.size(); ++w) {
    const std::string& name = workloads[w]->spec.name;
    for (const harness::BoardOutcome& outcome : result.workloads[w].outcomes) {
      if (!outcome.passed) continue;
      if (!header) {
        std::fprintf(out, "MLPerf Tiny submission-checker lines:\n");
        header = true;
      }
      const std::string prefix = "[" + outcome.board + " " + name + "] ";
      const report::ResultEntry* r = find_result(rep, outcome.board, name);
      try {
        // Emulated boards: the latency modelled at the target's clock, the figure the report
        // gives; the runner's clock runs at emulated speed there. Others: the board's laps.
        const bool modelled = r != nullptr && r->latency_us &&
                              r->latency_us->provenance == "modelled" && r->latency_us->median > 0;
        const double ips = modelled ? 1e6 / r->latency_us->median
                                    : harness::mlperf::board_median_throughput(outcome);
        std::fprintf(out, "%s%s%s\n", prefix.c_str(),
                     harness::mlperf::median_throughput_line(ips).c_str(),
                     modelled ? " (modelled)" : "");
      } catch (const std::exception& e) {
        std::fprintf(out, "%sno throughput: %s\n", prefix.c_str(), e.what());
      }
      if (r != nullptr && r->energy_uj && r->energy_uj->stat.median > 0) {
        // The checker's energy pattern must start the line, so the label follows it.
        const auto& e = *r->energy_uj;
        std::fprintf(out, "%s [%s %s] (%s)\n",
                     harness::mlperf::median_energy_line(e.stat.median).c_str(),
                     outcome.board.c_str(), name.c_str(), e.stat.provenance.c_str());
      }
      if (r == nullptr || !r->accuracy) continue;
      const auto& acc = *r->accuracy;
      const std::string line = acc.metric == "top1" ? harness::mlperf::top1_line(acc.value.value)
                                                    : harness::mlperf::auc_line(acc.value.value);
      std::fprintf(out, "%s%s\n", prefix.c_str(), line.c_str());
    }
  }
}

}  // namespace tr::cli
