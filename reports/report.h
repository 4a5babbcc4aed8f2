// The report as plain data, mirroring reports/report.schema.json field for field. Sessions fill
// it; writers (JSON here, HTML/Markdown/JUnit later) only read it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "reports/statistic.h"

namespace tr::report {

inline constexpr const char* kSchemaVersion = "0.1";

struct ToolInfo {
  std::string name = "tinyrack";
  std::string version;
  bool operator==(const ToolInfo&) const = default;
};

struct HostInfo {
  std::string hostname;
  std::string os;
  bool operator==(const HostInfo&) const = default;
};

struct RackInfo {
  std::string name;
  std::string file;
  bool operator==(const RackInfo&) const = default;
};

struct ModelInfo {
  std::string source;   // "mlperf" | "file" | "builder"
  std::string path;     // mlperf and file models
  std::string builder;  // builder models: a description of the recipe
  std::string sha256;
  std::uint64_t bytes = 0;
  bool operator==(const ModelInfo&) const = default;
};

// The dataset a workload ran (MLPerf Tiny layout) and what the host engine scored on it.
struct DatasetInfo {
  std::string path;             // the folder holding the labels file
  std::string labels;           // the labels file name
  std::uint32_t files = 0;      // files run (after the subset)
  std::uint32_t windows = 0;    // inputs made from them
  std::uint32_t per_class = 0;  // subset: first N files of each class; 0 = every file
  std::string metric;           // "top1" | "roc_auc"
  std::string score;            // "class-scores" | "reconstruction-mse"
  std::vector<std::string> classes;
  double host_value = 0;  // the host engine's metric, in the unit of results' accuracy
  bool operator==(const DatasetInfo&) const = default;
};

struct WorkloadInfo {
  std::string name;
  std::string file;
  ModelInfo model;
  std::uint32_t inputs = 0;  // how many inputs the workload runs
  std::optional<DatasetInfo> dataset;
  bool operator==(const WorkloadInfo&) const = default;
};

struct CyclesPerInstruction {
  double value = 1.0;
  std::string basis;
  bool operator==(const CyclesPerInstruction&) const = default;
};

struct FirmwareInfo {
  std::string version;
  std::string build_hash;
  std::string engine;
  std::string elf_sha256;
  bool operator==(const FirmwareInfo&) const = default;
};

struct EmulationInfo {
  std::string machine;
  std::string qemu_version;
  int icount_shift = 0;
  std::vector<std::string> command_line;
  bool operator==(const EmulationInfo&) const = default;
};

struct ProbeInfo {
  std::string kind;  // "qemu-gdbstub" | "openocd" | "pyocd"
  bool operator==(const ProbeInfo&) const = default;
};

// The power profile a board's modelled energy rests on ("power" in its target file): one real
// part's figures and where they were read.
struct PowerProfileInfo {
  std::string part;
  std::string document;
  std::vector<std::string> tables;
  std::string tag;  // "DS" (datasheet) | "2nd" (quoted by a third party)
  std::string conditions;
  double supply_v = 0;
  std::uint64_t clock_hz = 0;  // the part's clock the figures are taken at
  double run_current_a = 0;    // at clock_hz, before calibration_k
  double sleep_current_a = 0;  // Sleep / WFI at clock_hz
  double calibration_k = 1.0;
  std::optional<double> band_pct;  // +- uncertainty of 2nd-hand figures
  bool operator==(const PowerProfileInfo&) const = default;
};

struct BoardInfo {
  std::string name;
  std::string target;
  std::string core;
  std::uint64_t clock_hz = 0;
  CyclesPerInstruction cycles_per_instruction;
  FirmwareInfo firmware;
  ProbeInfo probe;
  std::optional<EmulationInfo> emulation;         // emulated boards only
  std::optional<PowerProfileInfo> power_profile;  // targets with a power profile
  bool operator==(const BoardInfo&) const = default;
};

// Arena statistics the runner reports; unit "bytes", provenance "measured".
struct MemoryInfo {
  std::uint64_t arena_used = 0;
  std::uint64_t arena_capacity = 0;
  std::uint64_t activation_bytes = 0;
  std::uint64_t persistent_bytes = 0;
  std::uint64_t scratch_bytes = 0;
  bool operator==(const MemoryInfo&) const = default;
};

// One input's inference window.
struct WindowInfo {
  std::uint32_t input = 0;                    // index into the workload's inputs
  std::optional<std::uint64_t> instructions;  // emulated boards: median over the iterations
  std::uint32_t outputs_crc32 = 0;
  bool operator==(const WindowInfo&) const = default;
};

// One figure with what it is: unit, provenance ("measured" | "emulated" | "modelled") and, for a
// modelled figure, how it was derived.
struct Figure {
  double value = 0;
  std::string unit;
  std::string provenance;
  std::string basis;  // required when modelled; empty otherwise
  bool operator==(const Figure&) const = default;
};

// One operator of a per-layer profile (`tinyrack profile`, `run --profile`).
struct OperatorProfile {
  std::uint32_t index = 0;  // execution order
  std::string op;           // builtin name, e.g. "CONV_2D"
  std::vector<std::int32_t> input_shape;
  std::vector<std::int32_t> output_shape;
  Figure macs;         // unit "MACs", modelled from the model's shapes
  Figure time;         // "instructions" (emulated) or "us" (measured)
  Figure share;        // unit "%": this operator's part of the operator sum
  Figure arena_bytes;  // unit "bytes": arena in use while it runs, from the engine's plan
  bool operator==(const OperatorProfile&) const = default;
};

// A per-layer profile and the totals that keep it honest: the operators' sum, the hooked
// inference they came from, and an inference without hooks (the real cost).
struct ProfileInfo {
  std::vector<OperatorProfile> operators;
  Figure operator_sum;
  Figure hooked_total;
  Figure unhooked_total;
  bool operator==(const ProfileInfo&) const = default;
};

// A board's metric on a dataset workload, next to the host engine's on the same inputs.
struct AccuracyInfo {
  std::string metric;  // "top1" | "roc_auc"
  Figure value;        // unit "%" (top1) or "AUC"; provenance "emulated" or "measured"
  double host_value = 0;
  bool matches_host = false;
  std::uint32_t files = 0;
  std::uint32_t windows = 0;
  // top1 only: rows = true class, columns = predicted class, in the workload's class order.
  std::vector<std::vector<std::uint64_t>> confusion;
  bool operator==(const AccuracyInfo&) const = default;
};

// Energy per inference in the shape of latency_us (unit "uJ"), with what it rests on: the
// profile's citation (modelled) or the power monitor (measured).
struct EnergyStatistic {
  Statistic stat;
  std::string source;
  std::optional<double> band_pct;                // +- band of 2nd-hand profile figures
  std::optional<double> cycles_per_instruction;  // modelled only
  std::optional<double> calibration_k;           // modelled only
  bool operator==(const EnergyStatistic&) const = default;
};

enum class ResultStatus { passed, failed };
const char* to_string(ResultStatus);

struct ResultEntry {
  std::string board;
  std::string workload;
  ResultStatus status = ResultStatus::failed;
  std::string error;                      // failed results: what went wrong, with board and step
  std::optional<Statistic> instructions;  // unit "instructions", provenance "emulated"
  // Workloads whose input goes through the board's front end (tr-input ... mfcc): its
  // instructions per input, apart from the inference's.
  std::optional<Statistic> frontend_instructions;
  std::optional<Statistic> latency_us;  // unit "us", "measured" or "modelled" (+ basis)
  // Cycles at the power profile's clock (the real part's), beside latency_us at the target's.
  std::optional<Statistic> modelled_latency_us;
  // Passed results have energy_uj, or energy_unavailable_reason (written as "energy_uj": null).
  std::optional<EnergyStatistic> energy_uj;
  std::string energy_unavailable_reason;
  std::optional<Statistic> active_power_mw;  // between the markers of each window
  std::optional<Statistic> idle_power_mw;    // outside them (the runner in WFI)
  std::string outputs_sha256;                // over all inputs' output bytes; empty when failed
  std::optional<bool> outputs_match_host;
  std::optional<MemoryInfo> memory;
  std::vector<WindowInfo> windows;       // one per input, unless summarised (windows_omitted)
  std::uint32_t windows_omitted = 0;     // inputs run but not listed (more than kMaxListedWindows)
  std::optional<AccuracyInfo> accuracy;  // dataset workloads whose every input ran
  std::optional<ProfileInfo> profile;    // `run --profile` only; never changes the figures above
  bool operator==(const ResultEntry&) const = default;
};

// A file a reader may want next to the figures: transcripts, child stderr, command lines.
struct Artifact {
  std::string kind;  // "transcript" | "stderr" | "command_line" | "log"
  std::string path;
  std::string board;  // empty: not tied to one board
  bool operator==(const Artifact&) const = default;
};

// Results list every input's window up to this many inputs; above, windows[] is empty and
// windows_omitted counts them (the statistics and outputs_sha256 still cover all).
inline constexpr std::uint32_t kMaxListedWindows = 64;

struct SuiteInfo {
  std::string name;
  std::string file;
  bool operator==(const SuiteInfo&) const = default;
};

struct Report {
  std::string schema_version = kSchemaVersion;
  ToolInfo tool;
  std::string created_utc;  // "YYYY-MM-DDTHH:MM:SSZ"
  HostInfo host;
  RackInfo rack;
  std::optional<SuiteInfo> suite;  // `run --suite` only
  std::vector<WorkloadInfo> workloads;
  std::vector<BoardInfo> boards;
  std::vector<ResultEntry> results;
  std::vector<Artifact> artifacts;
  bool operator==(const Report&) const = default;
};

}  // namespace tr::report
