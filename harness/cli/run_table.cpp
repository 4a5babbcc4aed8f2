#include "cli/run_table.h"

#include <algorithm>
#include <string>

#include "cli/accuracy_table.h"

namespace tr::cli {
namespace {

// "91.7 %" and whether the host engine agreed; "-" for workloads without a dataset.
std::string metric_cell(const report::ResultEntry& r) {
  if (!r.accuracy) return "-";
  std::string cell = format_metric(r.accuracy->metric, r.accuracy->value.value);
  if (!r.accuracy->matches_host) {
    cell += " (host " + format_metric(r.accuracy->metric, r.accuracy->host_value) + ")";
  }
  return cell;
}

}  // namespace

void print_run_table(const report::Report& report, std::FILE* out) {
  int wl = 8;  // the workload column fits the longest name
  for (const auto& r : report.results) wl = std::max(wl, static_cast<int>(r.workload.size()));
  std::fprintf(out, "\n%-8s %-9s %-*s %-7s %14s %14s %10s %-6s %-12s %s\n", "board", "target", wl,
               "workload", "status", "instr/infer", "latency us", "arena B", "host", "metric",
               "outputs sha256");
  std::fprintf(out, "%-8s %-9s %-*s %-7s %14s %14s %10s %-6s %-12s %s\n", "", "", wl, "", "",
               "(emulated)", "(modelled)", "(measured)", "match", "(on board)", "");
  for (const report::ResultEntry& r : report.results) {
    std::string target;
    for (const auto& b : report.boards) {
      if (b.name == r.board) target = b.target;
    }
    if (r.status != report::ResultStatus::passed) {
      std::fprintf(out, "%-8s %-9s %-*s %-7s %s\n", r.board.c_str(), target.c_str(), wl,
                   r.workload.c_str(), "FAILED", r.error.c_str());
      continue;
    }
    std::fprintf(out, "%-8s %-9s %-*s %-7s %14.0f %14.1f %10llu %-6s %-12s %.16s\n",
                 r.board.c_str(), target.c_str(), wl, r.workload.c_str(), "passed",
                 r.instructions ? r.instructions->median : 0.0,
                 r.latency_us ? r.latency_us->median : 0.0,
                 static_cast<unsigned long long>(r.memory ? r.memory->arena_used : 0),
                 r.outputs_match_host.value_or(false) ? "yes" : "NO", metric_cell(r).c_str(),
                 r.outputs_sha256.c_str());
  }
  std::fprintf(out, "\n");
}

}  // namespace tr::cli
