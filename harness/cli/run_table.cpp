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

// The median energy per inference, "n/a" when the board has none (the reason is listed below).
std::string energy_cell(const report::ResultEntry& r) {
  if (!r.energy_uj) return "n/a";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4g", r.energy_uj->stat.median);
  return buf;
}

// One line per board: what its energy rests on, or why it has none; a modelled figure is never
// shown without its source.
void print_energy_notes(const report::Report& report, std::FILE* out) {
  for (const report::BoardInfo& b : report.boards) {
    const report::ResultEntry* with = nullptr;
    const report::ResultEntry* without = nullptr;
    for (const report::ResultEntry& r : report.results) {
      if (r.board != b.name || r.status != report::ResultStatus::passed) continue;
      if (r.energy_uj && with == nullptr) with = &r;
      if (!r.energy_uj && without == nullptr) without = &r;
    }
    if (with != nullptr) {
      const report::EnergyStatistic& e = *with->energy_uj;
      std::fprintf(out, "energy %s: %s from %s", b.name.c_str(), e.stat.provenance.c_str(),
                   e.source.c_str());
      if (e.cycles_per_instruction) {
        std::fprintf(out, "; %.3g cycles/instruction, k %.3g", *e.cycles_per_instruction,
                     e.calibration_k.value_or(1.0));
      }
      if (with->modelled_latency_us && b.power_profile) {
        std::fprintf(out, "; latency at %.6g MHz %.1f us",
                     static_cast<double>(b.power_profile->clock_hz) / 1e6,
                     with->modelled_latency_us->median);
      }
      std::fprintf(out, "\n");
    }
    if (without != nullptr) {
      std::fprintf(out, "energy %s: unavailable: %s\n", b.name.c_str(),
                   without->energy_unavailable_reason.c_str());
    }
  }
}

// "(modelled)" when every energy figure is modelled, "(measured)" when every one is measured,
// "(see notes)" when they differ (the note below the table names each board's).
std::string energy_heading(const report::Report& report) {
  std::string provenance;
  for (const report::ResultEntry& r : report.results) {
    if (!r.energy_uj) continue;
    if (!provenance.empty() && provenance != r.energy_uj->stat.provenance) return "(see notes)";
    provenance = r.energy_uj->stat.provenance;
  }
  return provenance.empty() ? "" : "(" + provenance + ")";
}

}  // namespace

void print_run_table(const report::Report& report, std::FILE* out) {
  int wl = 8;  // the workload column fits the longest name
  for (const auto& r : report.results) wl = std::max(wl, static_cast<int>(r.workload.size()));
  std::fprintf(out, "\n%-8s %-9s %-*s %-7s %14s %14s %12s %10s %-6s %-12s %s\n", "board", "target",
               wl, "workload", "status", "instr/infer", "latency us", "energy uJ", "arena B",
               "host", "metric", "outputs sha256");
  std::fprintf(out, "%-8s %-9s %-*s %-7s %14s %14s %12s %10s %-6s %-12s %s\n", "", "", wl, "", "",
               "(emulated)", "(modelled)", energy_heading(report).c_str(), "(measured)", "match",
               "(on board)", "");
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
    std::fprintf(out, "%-8s %-9s %-*s %-7s %14.0f %14.1f %12s %10llu %-6s %-12s %.16s\n",
                 r.board.c_str(), target.c_str(), wl, r.workload.c_str(), "passed",
                 r.instructions ? r.instructions->median : 0.0,
                 r.latency_us ? r.latency_us->median : 0.0, energy_cell(r).c_str(),
                 static_cast<unsigned long long>(r.memory ? r.memory->arena_used : 0),
                 r.outputs_match_host.value_or(false) ? "yes" : "NO", metric_cell(r).c_str(),
                 r.outputs_sha256.c_str());
  }
  std::fprintf(out, "\n");
  print_energy_notes(report, out);
}

}  // namespace tr::cli
