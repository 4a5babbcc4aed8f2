#include "run/report_builder.h"

#include <sys/utsname.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <optional>

#include "common/crc32.h"
#include "debug/sha256.h"
#include "reports/report_json.h"
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

report::ResultEntry result_entry(const config::BoardSpec& board, const PreparedWorkload& w,
                                 const BoardOutcome& outcome, const HostEngine* host) {
  report::ResultEntry r;
  r.board = outcome.board;
  r.workload = w.spec.name;
  r.status = outcome.passed ? report::ResultStatus::passed : report::ResultStatus::failed;
  if (!outcome.passed) r.error = outcome.error;

  std::vector<double> instructions, latency;
  const double cpi = board.target.cycles_per_instruction.value;
  for (size_t i = 0; i < outcome.windows.size(); ++i) {
    const WindowResult& win = outcome.windows[i];
    report::WindowInfo wi;
    for (size_t k = 0; k < w.inputs.size(); ++k) {
      if (w.inputs[k].name == win.input) wi.input = static_cast<uint32_t>(k);
    }
    wi.instructions = static_cast<uint64_t>(std::llround(win.instructions));
    wi.outputs_crc32 = tr::crc32(win.output.data(), win.output.size());
    r.windows.push_back(wi);
    instructions.push_back(win.instructions);
    latency.push_back(win.instructions * cpi / static_cast<double>(board.target.clock_hz) * 1e6);
  }
  if (!outcome.passed) return r;

  r.instructions = report::summarize(instructions, "instructions", "emulated");
  r.latency_us = report::summarize(latency, "us", "modelled");
  r.latency_us->basis = latency_basis(board.target);
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

report::Report build_report(const config::RackSpec& rack, const PreparedWorkload& workload,
                            const RackRunResult& run, const RunContext& context) {
  report::Report rep;
  rep.tool.version = TINYRACK_VERSION;
  rep.created_utc = report::utc_timestamp(std::chrono::system_clock::now());
  rep.host = host_info();
  rep.rack = {rack.name, context.rack_file.string()};

  report::WorkloadInfo wi;
  wi.name = workload.spec.name;
  wi.file = context.workload_file.string();
  wi.model.source = workload.model_source;
  if (workload.model_source == "builder") {
    wi.model.builder = workload.model_description;
  } else {
    wi.model.path = workload.model_description;
  }
  wi.model.sha256 = workload.model_sha256;
  wi.model.bytes = workload.model.size();
  wi.inputs = static_cast<uint32_t>(workload.inputs.size());
  rep.workloads.push_back(wi);

  std::optional<HostEngine> host;  // only for profiles: the per-operator facts
  for (const BoardOutcome& o : run.outcomes) {
    if (o.profile && !host) host.emplace(workload.model);
  }
  for (const config::BoardSpec& board : rack.boards) {
    const BoardOutcome* outcome = nullptr;
    for (const BoardOutcome& o : run.outcomes) {
      if (o.board == board.name) outcome = &o;
    }
    if (outcome == nullptr) continue;  // not selected for this run
    rep.boards.push_back(board_info(board, outcome));
    rep.results.push_back(result_entry(board, workload, *outcome, host ? &*host : nullptr));
    rep.artifacts.push_back({"transcript", outcome->transcript.string(), board.name});
    rep.artifacts.push_back({"stderr", outcome->qemu_stderr.string(), board.name});
    rep.artifacts.push_back({"command_line", outcome->qemu_command_file.string(), board.name});
  }
  return rep;
}

}  // namespace tr::harness
