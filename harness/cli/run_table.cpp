#include "cli/run_table.h"

#include <string>

namespace tr::cli {

void print_run_table(const report::Report& report, std::FILE* out) {
  std::fprintf(out, "\n%-8s %-9s %-7s %14s %14s %10s %-8s %s\n", "board", "target", "status",
               "instr/infer", "latency us", "arena B", "host", "outputs sha256");
  std::fprintf(out, "%-8s %-9s %-7s %14s %14s %10s %-8s %s\n", "", "", "", "(emulated)",
               "(modelled)", "(measured)", "match", "");
  for (const report::ResultEntry& r : report.results) {
    std::string target;
    for (const auto& b : report.boards) {
      if (b.name == r.board) target = b.target;
    }
    if (r.status != report::ResultStatus::passed) {
      std::fprintf(out, "%-8s %-9s %-7s %s\n", r.board.c_str(), target.c_str(), "FAILED",
                   r.error.c_str());
      continue;
    }
    std::fprintf(out, "%-8s %-9s %-7s %14.0f %14.1f %10llu %-8s %.16s\n", r.board.c_str(),
                 target.c_str(), "passed", r.instructions ? r.instructions->median : 0.0,
                 r.latency_us ? r.latency_us->median : 0.0,
                 static_cast<unsigned long long>(r.memory ? r.memory->arena_used : 0),
                 r.outputs_match_host.value_or(false) ? "yes" : "NO", r.outputs_sha256.c_str());
  }
  std::fprintf(out, "\n");
}

}  // namespace tr::cli
