// JSON -> Report. Strict about what the writer always writes (missing or mistyped fields name
// their JSON pointer); unknown keys are left to the schema.
#include <utility>

#include "reports/report_json.h"

namespace tr::report {
namespace {

using nlohmann::json;

class Cursor {
 public:
  Cursor(const json& value, std::string pointer, const std::string& source)
      : value_(value), pointer_(std::move(pointer)), source_(source) {}

  [[noreturn]] void fail(const std::string& what) const {
    throw ReportError(source_ + ": " + (pointer_.empty() ? "(root)" : pointer_) + ": " + what);
  }
  bool has(const char* key) const { return value_.is_object() && value_.contains(key); }
  bool is_null() const { return value_.is_null(); }
  Cursor operator[](const char* key) const {
    if (!value_.is_object()) fail("expected an object");
    if (!value_.contains(key)) fail(std::string("missing key '") + key + "'");
    return Cursor(value_.at(key), pointer_ + "/" + key, source_);
  }
  std::size_t size() const {
    if (!value_.is_array()) fail("expected an array");
    return value_.size();
  }
  Cursor operator[](std::size_t i) const {
    return Cursor(value_.at(i), pointer_ + "/" + std::to_string(i), source_);
  }
  template <class T>
  T get() const {
    try {
      return value_.get<T>();
    } catch (const json::exception& e) {
      fail(e.what());
    }
  }
  template <class T>
  T get(const char* key) const {
    return (*this)[key].template get<T>();
  }
  template <class T>
  T get_or(const char* key, T fallback) const {
    return has(key) ? get<T>(key) : fallback;
  }
  template <class T, class F>
  std::vector<T> list(const char* key, F read) const {
    const auto items = (*this)[key];
    std::vector<T> out;
    for (std::size_t i = 0; i < items.size(); ++i) out.push_back(read(items[i]));
    return out;
  }

 private:
  const json& value_;
  std::string pointer_;
  const std::string& source_;
};

Statistic statistic(const Cursor& c) {
  return Statistic{c.get<double>("median"),
                   c.get<double>("min"),
                   c.get<double>("max"),
                   c.get<std::uint32_t>("n"),
                   c.get<std::string>("unit"),
                   c.get<std::string>("provenance"),
                   c.get_or<std::string>("basis", "")};
}

EnergyStatistic energy(const Cursor& c) {
  EnergyStatistic e;
  e.stat = statistic(c);
  e.source = c.get<std::string>("source");
  if (c.has("band_pct")) e.band_pct = c.get<double>("band_pct");
  if (c.has("cycles_per_instruction")) {
    e.cycles_per_instruction = c.get<double>("cycles_per_instruction");
  }
  if (c.has("calibration_k")) e.calibration_k = c.get<double>("calibration_k");
  return e;
}

PowerProfileInfo power_profile(const Cursor& c) {
  PowerProfileInfo p;
  p.part = c.get<std::string>("part");
  p.document = c.get<std::string>("document");
  p.tables = c.get<std::vector<std::string>>("tables");
  p.tag = c.get<std::string>("tag");
  p.conditions = c.get<std::string>("conditions");
  p.supply_v = c.get<double>("supply_v");
  p.clock_hz = c.get<std::uint64_t>("clock_hz");
  p.run_current_a = c.get<double>("run_current_a");
  p.sleep_current_a = c.get<double>("sleep_current_a");
  p.calibration_k = c.get<double>("calibration_k");
  if (c.has("band_pct")) p.band_pct = c.get<double>("band_pct");
  return p;
}

Figure figure(const Cursor& c) {
  return Figure{c.get<double>("value"), c.get<std::string>("unit"),
                c.get<std::string>("provenance"), c.get_or<std::string>("basis", "")};
}

OperatorProfile operator_profile(const Cursor& c) {
  OperatorProfile o;
  o.index = c.get<std::uint32_t>("index");
  o.op = c.get<std::string>("op");
  o.input_shape = c.get<std::vector<std::int32_t>>("input_shape");
  o.output_shape = c.get<std::vector<std::int32_t>>("output_shape");
  o.macs = figure(c["macs"]);
  o.time = figure(c["time"]);
  o.share = figure(c["share"]);
  o.arena_bytes = figure(c["arena_bytes"]);
  return o;
}

ProfileInfo profile(const Cursor& c) {
  ProfileInfo p;
  p.operators = c.list<OperatorProfile>("operators", operator_profile);
  p.operator_sum = figure(c["operator_sum"]);
  p.hooked_total = figure(c["hooked_total"]);
  p.unhooked_total = figure(c["unhooked_total"]);
  return p;
}

DatasetInfo dataset(const Cursor& c) {
  DatasetInfo d;
  d.path = c.get<std::string>("path");
  d.labels = c.get<std::string>("labels");
  d.files = c.get<std::uint32_t>("files");
  d.windows = c.get<std::uint32_t>("windows");
  d.per_class = c.get<std::uint32_t>("per_class");
  d.metric = c.get<std::string>("metric");
  d.score = c.get<std::string>("score");
  d.classes = c.get<std::vector<std::string>>("classes");
  d.host_value = c.get<double>("host_value");
  return d;
}

WorkloadInfo workload(const Cursor& c) {
  const auto m = c["model"];
  WorkloadInfo w{c.get<std::string>("name"), c.get<std::string>("file"),
                 ModelInfo{m.get<std::string>("source"), m.get_or<std::string>("path", ""),
                           m.get_or<std::string>("builder", ""), m.get<std::string>("sha256"),
                           m.get<std::uint64_t>("bytes")},
                 c.get<std::uint32_t>("inputs"), std::nullopt};
  if (c.has("dataset")) w.dataset = dataset(c["dataset"]);
  return w;
}

AccuracyInfo accuracy(const Cursor& c) {
  AccuracyInfo a;
  a.metric = c.get<std::string>("metric");
  a.value = figure(c["value"]);
  a.host_value = c.get<double>("host_value");
  a.matches_host = c.get<bool>("matches_host");
  a.files = c.get<std::uint32_t>("files");
  a.windows = c.get<std::uint32_t>("windows");
  if (c.has("confusion")) {
    a.confusion = c.get<std::vector<std::vector<std::uint64_t>>>("confusion");
  }
  return a;
}

BoardInfo board(const Cursor& c) {
  BoardInfo b;
  b.name = c.get<std::string>("name");
  b.target = c.get<std::string>("target");
  b.core = c.get<std::string>("core");
  b.clock_hz = c.get<std::uint64_t>("clock_hz");
  const auto cpi = c["cycles_per_instruction"];
  b.cycles_per_instruction = {cpi.get<double>("value"), cpi.get<std::string>("basis")};
  const auto fw = c["firmware"];
  b.firmware = {fw.get<std::string>("version"), fw.get<std::string>("build_hash"),
                fw.get<std::string>("engine"), fw.get<std::string>("elf_sha256")};
  b.probe.kind = c["probe"].get<std::string>("kind");
  if (c.has("emulation")) {
    const auto e = c["emulation"];
    b.emulation =
        EmulationInfo{e.get<std::string>("machine"), e.get<std::string>("qemu_version"),
                      e.get<int>("icount_shift"), e.get<std::vector<std::string>>("command_line")};
  }
  if (c.has("power_profile")) b.power_profile = power_profile(c["power_profile"]);
  return b;
}

MemoryInfo memory(const Cursor& c) {
  return MemoryInfo{c.get<std::uint64_t>("arena_used"), c.get<std::uint64_t>("arena_capacity"),
                    c.get<std::uint64_t>("activation_bytes"),
                    c.get<std::uint64_t>("persistent_bytes"),
                    c.get<std::uint64_t>("scratch_bytes")};
}

WindowInfo window(const Cursor& c) {
  WindowInfo w;
  w.input = c.get<std::uint32_t>("input");
  w.outputs_crc32 = c.get<std::uint32_t>("outputs_crc32");
  if (c.has("instructions")) w.instructions = c.get<std::uint64_t>("instructions");
  return w;
}

ResultEntry result(const Cursor& c) {
  ResultEntry r;
  r.board = c.get<std::string>("board");
  r.workload = c.get<std::string>("workload");
  const auto status = c.get<std::string>("status");
  if (status != "passed" && status != "failed") c["status"].fail("unknown status '" + status + "'");
  r.status = status == "passed" ? ResultStatus::passed : ResultStatus::failed;
  r.error = c.get_or<std::string>("error", "");
  if (c.has("instructions")) r.instructions = statistic(c["instructions"]);
  if (c.has("latency_us")) r.latency_us = statistic(c["latency_us"]);
  if (c.has("modelled_latency_us")) r.modelled_latency_us = statistic(c["modelled_latency_us"]);
  if (c.has("frontend_instructions")) {
    r.frontend_instructions = statistic(c["frontend_instructions"]);
  }
  if (c.has("energy_uj")) {
    if (c["energy_uj"].is_null()) {
      r.energy_unavailable_reason = c.get<std::string>("energy_unavailable_reason");
    } else {
      r.energy_uj = energy(c["energy_uj"]);
    }
  }
  if (c.has("active_power_mw")) r.active_power_mw = statistic(c["active_power_mw"]);
  if (c.has("idle_power_mw")) r.idle_power_mw = statistic(c["idle_power_mw"]);
  r.outputs_sha256 = c.get_or<std::string>("outputs_sha256", "");
  if (c.has("outputs_match_host")) r.outputs_match_host = c.get<bool>("outputs_match_host");
  if (c.has("memory")) r.memory = memory(c["memory"]);
  r.windows = c.list<WindowInfo>("windows", window);
  r.windows_omitted = c.get_or<std::uint32_t>("windows_omitted", 0);
  if (c.has("accuracy")) r.accuracy = accuracy(c["accuracy"]);
  if (c.has("profile")) r.profile = profile(c["profile"]);
  return r;
}

Artifact artifact(const Cursor& c) {
  return Artifact{c.get<std::string>("kind"), c.get<std::string>("path"),
                  c.get_or<std::string>("board", "")};
}

}  // namespace

ProfileInfo profile_from_json(const json& document, const std::string& source) {
  return profile(Cursor(document, "", source));
}

Report report_from_json(const json& document, const std::string& source) {
  const Cursor c(document, "", source);
  Report r;
  r.schema_version = c.get<std::string>("schema_version");
  if (r.schema_version != kSchemaVersion) {
    c["schema_version"].fail("unsupported schema_version '" + r.schema_version + "' (expected '" +
                             kSchemaVersion + "')");
  }
  r.tool = {c["tool"].get<std::string>("name"), c["tool"].get<std::string>("version")};
  r.created_utc = c.get<std::string>("created_utc");
  r.host = {c["host"].get<std::string>("hostname"), c["host"].get<std::string>("os")};
  r.rack = {c["rack"].get<std::string>("name"), c["rack"].get<std::string>("file")};
  if (c.has("suite")) {
    r.suite = SuiteInfo{c["suite"].get<std::string>("name"), c["suite"].get<std::string>("file")};
  }
  r.workloads = c.list<WorkloadInfo>("workloads", workload);
  r.boards = c.list<BoardInfo>("boards", board);
  r.results = c.list<ResultEntry>("results", result);
  r.artifacts = c.list<Artifact>("artifacts", artifact);
  return r;
}

}  // namespace tr::report
