// Report -> JSON. Optional C++ fields become absent keys, never nulls, so the schema's
// additionalProperties/required rules see exactly what a reader would; the one null is an
// unavailable energy_uj, which comes with its reason.
#include <ctime>

#include "reports/report_json.h"

namespace tr::report {
namespace {

using nlohmann::json;

json statistic(const Statistic& s) {
  json j{{"median", s.median}, {"min", s.min},   {"max", s.max},
         {"n", s.n},           {"unit", s.unit}, {"provenance", s.provenance}};
  if (!s.basis.empty()) j["basis"] = s.basis;
  return j;
}

json figure(const Figure& f) {
  json j{{"value", f.value}, {"unit", f.unit}, {"provenance", f.provenance}};
  if (!f.basis.empty()) j["basis"] = f.basis;
  return j;
}

// The statistic's fields with the energy's own beside them, flat like latency_us.
json energy(const EnergyStatistic& e) {
  json j = statistic(e.stat);
  j["source"] = e.source;
  if (e.band_pct) j["band_pct"] = *e.band_pct;
  if (e.cycles_per_instruction) j["cycles_per_instruction"] = *e.cycles_per_instruction;
  if (e.calibration_k) j["calibration_k"] = *e.calibration_k;
  return j;
}

json power_profile(const PowerProfileInfo& p) {
  json j{{"part", p.part},
         {"document", p.document},
         {"tables", p.tables},
         {"tag", p.tag},
         {"conditions", p.conditions},
         {"supply_v", p.supply_v},
         {"clock_hz", p.clock_hz},
         {"run_current_a", p.run_current_a},
         {"sleep_current_a", p.sleep_current_a},
         {"calibration_k", p.calibration_k}};
  if (p.band_pct) j["band_pct"] = *p.band_pct;
  return j;
}

json operator_profile(const OperatorProfile& o) {
  return {{"index", o.index},
          {"op", o.op},
          {"input_shape", o.input_shape},
          {"output_shape", o.output_shape},
          {"macs", figure(o.macs)},
          {"time", figure(o.time)},
          {"share", figure(o.share)},
          {"arena_bytes", figure(o.arena_bytes)}};
}

json dataset(const DatasetInfo& d) {
  return {{"path", d.path},       {"labels", d.labels},       {"files", d.files},
          {"windows", d.windows}, {"per_class", d.per_class}, {"metric", d.metric},
          {"score", d.score},     {"classes", d.classes},     {"host_value", d.host_value}};
}

json workload(const WorkloadInfo& w) {
  json model{{"source", w.model.source}, {"sha256", w.model.sha256}, {"bytes", w.model.bytes}};
  if (!w.model.path.empty()) model["path"] = w.model.path;
  if (!w.model.builder.empty()) model["builder"] = w.model.builder;
  json j{{"name", w.name}, {"file", w.file}, {"model", model}, {"inputs", w.inputs}};
  if (w.dataset) j["dataset"] = dataset(*w.dataset);
  return j;
}

json accuracy(const AccuracyInfo& a) {
  json j{{"metric", a.metric},         {"value", figure(a.value)},
         {"host_value", a.host_value}, {"matches_host", a.matches_host},
         {"files", a.files},           {"windows", a.windows}};
  if (!a.confusion.empty()) j["confusion"] = a.confusion;
  return j;
}

json board(const BoardInfo& b) {
  json j{{"name", b.name},
         {"target", b.target},
         {"core", b.core},
         {"clock_hz", b.clock_hz},
         {"cycles_per_instruction",
          {{"value", b.cycles_per_instruction.value}, {"basis", b.cycles_per_instruction.basis}}},
         {"firmware",
          {{"version", b.firmware.version},
           {"build_hash", b.firmware.build_hash},
           {"engine", b.firmware.engine},
           {"elf_sha256", b.firmware.elf_sha256}}},
         {"probe", {{"kind", b.probe.kind}}}};
  if (b.emulation) {
    j["emulation"] = {{"machine", b.emulation->machine},
                      {"qemu_version", b.emulation->qemu_version},
                      {"icount_shift", b.emulation->icount_shift},
                      {"command_line", b.emulation->command_line}};
  }
  if (b.power_profile) j["power_profile"] = power_profile(*b.power_profile);
  return j;
}

json memory(const MemoryInfo& m) {
  return {{"arena_used", m.arena_used},
          {"arena_capacity", m.arena_capacity},
          {"activation_bytes", m.activation_bytes},
          {"persistent_bytes", m.persistent_bytes},
          {"scratch_bytes", m.scratch_bytes},
          {"unit", "bytes"},
          {"provenance", "measured"}};
}

json result(const ResultEntry& r) {
  json j{{"board", r.board}, {"workload", r.workload}, {"status", to_string(r.status)}};
  if (!r.error.empty()) j["error"] = r.error;
  if (r.instructions) j["instructions"] = statistic(*r.instructions);
  if (r.latency_us) j["latency_us"] = statistic(*r.latency_us);
  if (r.modelled_latency_us) j["modelled_latency_us"] = statistic(*r.modelled_latency_us);
  if (r.frontend_instructions) j["frontend_instructions"] = statistic(*r.frontend_instructions);
  // No energy is written as an explicit null with its reason, so a reader sees why.
  if (r.energy_uj) {
    j["energy_uj"] = energy(*r.energy_uj);
  } else if (!r.energy_unavailable_reason.empty()) {
    j["energy_uj"] = nullptr;
    j["energy_unavailable_reason"] = r.energy_unavailable_reason;
  }
  if (r.active_power_mw) j["active_power_mw"] = statistic(*r.active_power_mw);
  if (r.idle_power_mw) j["idle_power_mw"] = statistic(*r.idle_power_mw);
  if (!r.outputs_sha256.empty()) j["outputs_sha256"] = r.outputs_sha256;
  if (r.outputs_match_host) j["outputs_match_host"] = *r.outputs_match_host;
  if (r.memory) j["memory"] = memory(*r.memory);
  json windows = json::array();
  for (const auto& w : r.windows) {
    json window{{"input", w.input}, {"outputs_crc32", w.outputs_crc32}};
    if (w.instructions) window["instructions"] = *w.instructions;
    windows.push_back(std::move(window));
  }
  j["windows"] = std::move(windows);
  if (r.windows_omitted > 0) j["windows_omitted"] = r.windows_omitted;
  if (r.accuracy) j["accuracy"] = accuracy(*r.accuracy);
  if (r.profile) j["profile"] = to_json(*r.profile);
  return j;
}

json artifact(const Artifact& a) {
  json j{{"kind", a.kind}, {"path", a.path}};
  if (!a.board.empty()) j["board"] = a.board;
  return j;
}

template <class T, class F>
json array_of(const std::vector<T>& items, F convert) {
  json out = json::array();
  for (const auto& item : items) out.push_back(convert(item));
  return out;
}

}  // namespace

const char* to_string(ResultStatus s) {
  return s == ResultStatus::passed ? "passed" : "failed";
}

json to_json(const ProfileInfo& p) {
  return {{"operators", array_of(p.operators, operator_profile)},
          {"operator_sum", figure(p.operator_sum)},
          {"hooked_total", figure(p.hooked_total)},
          {"unhooked_total", figure(p.unhooked_total)}};
}

json to_json(const Report& r) {
  json j{{"schema_version", r.schema_version},
         {"tool", {{"name", r.tool.name}, {"version", r.tool.version}}},
         {"created_utc", r.created_utc},
         {"host", {{"hostname", r.host.hostname}, {"os", r.host.os}}},
         {"rack", {{"name", r.rack.name}, {"file", r.rack.file}}},
         {"workloads", array_of(r.workloads, workload)},
         {"boards", array_of(r.boards, board)},
         {"results", array_of(r.results, result)},
         {"artifacts", array_of(r.artifacts, artifact)}};
  if (r.suite) j["suite"] = {{"name", r.suite->name}, {"file", r.suite->file}};
  return j;
}

std::string utc_timestamp(std::chrono::system_clock::time_point when) {
  const std::time_t t = std::chrono::system_clock::to_time_t(when);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return text;
}

}  // namespace tr::report
