#include "run/report_builder.h"

#include <sys/utsname.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <optional>

#include "common/crc32.h"
#include "debug/sha256.h"
#include "mlperf/reference_firmware.h"
#include "reports/report_json.h"
#include "run/measured_energy.h"
#include "run/modelled_energy.h"
#include "run/operator_profile.h"

namespace tr::harness {
namespace {

report::HostInfo host_info() {
  report::HostInfo host;
  char name[256] = {};
  if (::gethostname(name, sizeof name - 1) == 0) host.hostname = name;
  struct utsname u {};
  if (::uname(&u) == 0) host.os = std::string(u.sysname) + " " + u.release + " " + u.machine;
  return host;
}

std::string latency_basis(const config::TargetSpec& target) {
  char buf[160];
  std::snprintf(buf, sizeof buf, "emulated instructions x %.3g cycles/instruction / %llu Hz",
                target.cycles_per_instruction.value,
                static_cast<unsigned long long>(target.clock_hz));
  return std::string(buf) + " (cycles/instruction: " + target.cycles_per_instruction.basis + ")";
}

report::BoardInfo board_info(const config::BoardSpec& board, const BoardOutcome* outcome) {
  report::BoardInfo info;
  info.name = board.name;
  info.target = board.target.name;
  info.core = board.target.core;
  info.clock_hz = board.target.clock_hz;
  info.cycles_per_instruction = {board.target.cycles_per_instruction.value,
                                 board.target.cycles_per_instruction.basis};
  info.probe.kind = std::string(config::to_string(board.target.probe_kind));
  if (outcome != nullptr) {
    info.firmware = {outcome->identity.version, outcome->identity.build_hash,
                     outcome->identity.engine, outcome->elf_sha256};
  }
  if (board.target.emulation) {
    report::EmulationInfo emu;
    emu.machine = board.target.emulation->machine;
    emu.icount_shift = board.target.emulation->icount_shift;
    if (outcome != nullptr) {
      emu.qemu_version = outcome->qemu_version;
      emu.command_line = outcome->qemu_command;
    }
    info.emulation = emu;
  }
  if (board.target.power.profile) {
    info.power_profile = power_profile_info(*board.target.power.profile);
  }
  return info;
}

uint64_t stat_or_zero(const std::map<std::string, uint64_t>& m, const std::string& key) {
  auto it = m.find(key);
  return it == m.end() ? 0 : it->second;
}

ProfileClock profile_clock(const config::BoardSpec& board, const BoardOutcome& outcome) {
  ProfileClock clock;
  clock.timer_hz = outcome.identity.timer_hz;
  if (board.target.emulation) clock.icount_shift = board.target.emulation->icount_shift;
  return clock;
}

// The profile joins the runner's ticks with the host engine's facts; a runner that timed a
// different model than the host loaded fails the result rather than print a wrong table.
void add_profile(report::ResultEntry& r, const config::BoardSpec& board, const HostEngine& host,
                 const BoardOutcome& outcome) {
  try {
    r.profile = build_operator_profile(host, *outcome.profile, profile_clock(board, outcome));
  } catch (const std::exception& e) {
    r.status = report::ResultStatus::failed;
    r.error = outcome.board + ": profile: " + e.what();
  }
}

// Energy per inference (or why there is none), mean active and idle power: measured by the
// monitor the rack bound to the board, else modelled; and the latency at the power profile's
// clock.
void add_energy(report::ResultEntry& r, const config::BoardSpec& board, const PreparedWorkload& w,
                const BoardOutcome& outcome) {
  r.modelled_latency_us = modelled_latency(board.target, outcome);
  EnergyFigures energy = outcome.monitor ? measured_energy(outcome)
                                         : modelled_energy(board, outcome, w.spec.infer.warmup);
  r.energy_uj = std::move(energy.energy_uj);
  r.energy_unavailable_reason = std::move(energy.unavailable_reason);
  r.active_power_mw = std::move(energy.active_power_mw);
  r.idle_power_mw = std::move(energy.idle_power_mw);
}

report::ResultEntry result_entry(const config::BoardSpec& board, const PreparedWorkload& w,
                                 const BoardOutcome& outcome, const HostEngine* host) {
  report::ResultEntry r;
  r.board = outcome.board;
  r.workload = w.spec.name;
  r.status = outcome.passed ? report::ResultStatus::passed : report::ResultStatus::failed;
  if (!outcome.passed) r.error = outcome.error;

  std::vector<double> instructions, latency;
  const double cpi = board.target.cycles_per_instruction.value;
  // Sessions run the inputs in order, so window i is input i.
  const bool list_windows = outcome.windows.size() <= report::kMaxListedWindows;
  for (size_t i = 0; i < outcome.windows.size(); ++i) {
    const WindowResult& win = outcome.windows[i];
    if (list_windows) {
      report::WindowInfo wi;
      wi.input = static_cast<uint32_t>(i);
      wi.instructions = static_cast<uint64_t>(std::llround(win.instructions));
      wi.outputs_crc32 = tr::crc32(win.output.data(), win.output.size());
      r.windows.push_back(wi);
    }
    instructions.push_back(win.instructions);
    latency.push_back(win.instructions * cpi / static_cast<double>(board.target.clock_hz) * 1e6);
  }
  if (!list_windows) r.windows_omitted = static_cast<uint32_t>(outcome.windows.size());
  // Emulated boards run the same instructions as real ones: the metric is exact, not modelled.
  r.accuracy = board_accuracy(w, outcome, board.target.emulation ? "emulated" : "measured");
  if (!outcome.passed) return r;

  r.instructions = report::summarize(instructions, "instructions", "emulated");
  if (w.spec.frontend != config::InputFrontend::none && board.target.emulation) {
    std::vector<double> frontend;
    for (const WindowResult& win : outcome.windows) frontend.push_back(win.frontend_instructions);
    r.frontend_instructions = report::summarize(frontend, "instructions", "emulated");
  }
  r.latency_us = report::summarize(latency, "us", "modelled");
  r.latency_us->basis = latency_basis(board.target);
  add_energy(r, board, w, outcome);
  r.outputs_sha256 = outputs_sha256(outcome);
  bool all_match = true;
  for (const WindowResult& win : outcome.windows) all_match = all_match && win.matches_host;
  r.outputs_match_host = all_match;
  report::MemoryInfo mem;
  mem.arena_used = stat_or_zero(outcome.memory, "arena_used");
  mem.arena_capacity = stat_or_zero(outcome.memory, "arena_capacity");
  mem.activation_bytes = stat_or_zero(outcome.memory, "activation_bytes");
  mem.persistent_bytes = stat_or_zero(outcome.memory, "persistent_bytes");
  mem.scratch_bytes = stat_or_zero(outcome.memory, "scratch_bytes");
  r.memory = mem;
  if (outcome.profile && host != nullptr) add_profile(r, board, *host, outcome);
  return r;
}

}  // namespace

std::string outputs_sha256(const BoardOutcome& outcome) {
  probe::Sha256 sha;
  for (const WindowResult& win : outcome.windows) sha.update(win.output);
  return probe::Sha256::to_hex(sha.finish());
}

double report_value(const dataset::Accuracy& accuracy) {
  return accuracy.metric == config::Metric::top1 ? accuracy.value * 100.0 : accuracy.value;
}

namespace {

// A board's outputs scored like the host's. A standard-only DUT prints dequantized outputs
// (turned back into the raw tensor, exact for classifiers) or, for reconstruction workloads,
// each window's error.
dataset::Accuracy score_board(const PreparedWorkload& workload, const BoardOutcome& outcome) {
  const bool standard_only = !outcome.windows.empty() && outcome.windows.front().standard_only;
  if (standard_only && workload.spec.score == config::ScoreRule::reconstruction_mse) {
    std::vector<double> errors;
    for (const WindowResult& win : outcome.windows) {
      if (win.scores.size() != 1) throw std::invalid_argument("expected one MSE per window");
      errors.push_back(win.scores.front());
    }
    return dataset::score_window_errors(workload.spec, *workload.dataset, errors);
  }
  std::vector<std::vector<uint8_t>> outputs;
  outputs.reserve(outcome.windows.size());
  for (const WindowResult& win : outcome.windows) {
    outputs.push_back(standard_only
                          ? mlperf::outputs_from_scores(win.scores, workload.output_quantization)
                          : win.output);
  }
  return score_outputs(workload, outputs);
}

}  // namespace

std::optional<report::AccuracyInfo> board_accuracy(const PreparedWorkload& workload,
                                                   const BoardOutcome& outcome,
                                                   const std::string& provenance) {
  if (!workload.dataset || !workload.host_accuracy) return std::nullopt;
  if (outcome.windows.size() != workload.inputs.size()) return std::nullopt;
  dataset::Accuracy acc;
  try {
    acc = score_board(workload, outcome);
  } catch (const std::exception&) {
    return std::nullopt;  // e.g. a truncated output: the result already failed on it
  }
  report::AccuracyInfo info;
  info.metric = config::to_string(acc.metric);
  info.value = {report_value(acc), acc.metric == config::Metric::top1 ? "%" : "AUC", provenance,
                ""};
  info.host_value = report_value(*workload.host_accuracy);
  info.matches_host = info.value.value == info.host_value;
  info.files = acc.files;
  info.windows = acc.windows;
  if (acc.confusion) {
    const auto& m = *acc.confusion;
    info.confusion.assign(m.classes(), std::vector<uint64_t>(m.classes(), 0));
    for (size_t t = 0; t < m.classes(); ++t) {
      for (size_t p = 0; p < m.classes(); ++p) info.confusion[t][p] = m.count(t, p);
    }
  }
  return info;
}

report::WorkloadInfo workload_info(const PreparedWorkload& workload) {
  report::WorkloadInfo wi;
  wi.name = workload.spec.name;
  wi.file = workload.spec.file.string();
  wi.model.source = workload.model_source;
  if (workload.model_source == "builder") {
    wi.model.builder = workload.model_description;
  } else {
    wi.model.path = workload.model_description;
  }
  wi.model.sha256 = workload.model_sha256;
  wi.model.bytes = workload.model.size();
  wi.inputs = static_cast<uint32_t>(workload.inputs.size());
  if (workload.dataset && workload.host_accuracy) {
    report::DatasetInfo d;
    d.path = workload.dataset->dir.string();
    d.labels = workload.dataset->labels.filename().string();
    d.files = static_cast<uint32_t>(workload.dataset->files.size());
    d.windows = workload.dataset->windows;
    d.per_class = workload.dataset->per_class;
    d.metric = config::to_string(workload.spec.metric);
    d.score = config::to_string(workload.spec.score);
    d.classes = workload.spec.classes;
    d.host_value = report_value(*workload.host_accuracy);
    wi.dataset = std::move(d);
  }
  return wi;
}

report::Report build_report(const config::RackSpec& rack,
                            const std::vector<const PreparedWorkload*>& workloads,
                            const SuiteRunResult& run, const RunContext& context) {
  report::Report rep;
  rep.tool.version = TINYRACK_VERSION;
  rep.created_utc = report::utc_timestamp(std::chrono::system_clock::now());
  rep.host = host_info();
  rep.rack = {rack.name, context.rack_file.string()};
  rep.suite = context.suite;
  for (const PreparedWorkload* w : workloads) rep.workloads.push_back(workload_info(*w));

  for (const config::BoardSpec& board : rack.boards) {
    // The board's facts come from its first session that identified the runner.
    const BoardOutcome* first = nullptr;
    for (const RackRunResult& per_workload : run.workloads) {
      for (const BoardOutcome& o : per_workload.outcomes) {
        if (o.board == board.name && (first == nullptr || first->identity.version.empty())) {
          first = &o;
        }
      }
    }
    if (first == nullptr) continue;  // not selected for this run
    rep.boards.push_back(board_info(board, first));
    for (size_t w = 0; w < workloads.size() && w < run.workloads.size(); ++w) {
      const BoardOutcome* outcome = nullptr;
      for (const BoardOutcome& o : run.workloads[w].outcomes) {
        if (o.board == board.name) outcome = &o;
      }
      if (outcome == nullptr) continue;
      // Only for profiles: the per-operator facts of this workload's model.
      std::optional<HostEngine> host;
      if (outcome->profile) host.emplace(workloads[w]->model);
      rep.results.push_back(result_entry(board, *workloads[w], *outcome, host ? &*host : nullptr));
    }
    // A suite's sessions append to one transcript per board and workload folder.
    for (size_t w = 0; w < run.workloads.size(); ++w) {
      for (const BoardOutcome& o : run.workloads[w].outcomes) {
        if (o.board != board.name || o.transcript.empty()) continue;
        rep.artifacts.push_back({"transcript", o.transcript.string(), board.name});
        rep.artifacts.push_back({"stderr", o.qemu_stderr.string(), board.name});
        rep.artifacts.push_back({"command_line", o.qemu_command_file.string(), board.name});
      }
    }
  }
  return rep;
}

report::Report build_report(const config::RackSpec& rack, const PreparedWorkload& workload,
                            const RackRunResult& run, const RunContext& context) {
  SuiteRunResult suite;
  suite.workloads.push_back(run);
  suite.interrupted = run.interrupted;
  return build_report(rack, {&workload}, suite, context);
}

}  // namespace tr::harness
