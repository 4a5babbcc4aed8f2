// A fully populated report (every optional field set) shared by the report tests.
#pragma once

#include "reports/report.h"
#include "reports/statistic.h"

namespace tr::report::test {

inline Figure instructions(double v) {
  return {v, "instructions", "emulated", ""};
}

// Two operators of an emulated board's profile.
inline ProfileInfo sample_profile() {
  const std::string macs_basis = "multiply-accumulates counted from the model's shapes";
  const std::string arena_basis = "the engine's arena plan for the model";
  ProfileInfo p;
  p.operators.push_back({0,
                         "FULLY_CONNECTED",
                         {1, 640},
                         {1, 128},
                         Figure{81920, "MACs", "modelled", macs_basis},
                         instructions(800),
                         Figure{80, "%", "emulated", ""},
                         Figure{768, "bytes", "modelled", arena_basis}});
  p.operators.push_back({1,
                         "SOFTMAX",
                         {1, 128},
                         {1, 128},
                         Figure{0, "MACs", "modelled", macs_basis},
                         instructions(200),
                         Figure{20, "%", "emulated", ""},
                         Figure{256, "bytes", "modelled", arena_basis}});
  p.operator_sum = instructions(1000);
  p.hooked_total = instructions(1160);
  p.unhooked_total = instructions(1100);
  return p;
}

inline Report sample_report() {
  Report r;
  r.tool = {"tinyrack", "0.1.0"};
  r.created_utc = "2024-05-01T12:34:56Z";
  r.host = {"bench-01", "Debian GNU/Linux 12 (bookworm) x86_64"};
  r.rack = {"emulated", "racks/emulated.json"};
  r.suite = SuiteInfo{"demo", "workloads/demo.json"};
  r.workloads.push_back(
      {"ad01-smoke", "workloads/ad01-smoke/workload.json",
       ModelInfo{"mlperf", "/models/ad01_int8.tflite", "", std::string(64, 'a'), 276976}, 5,
       std::nullopt});
  r.workloads.push_back(
      {"fc-built", "workloads/fc-built/workload.json",
       ModelInfo{"builder", "", "fc-stack seed 1 layers 640-128-640", std::string(64, 'b'), 170000},
       1, std::nullopt});
  WorkloadInfo keyword{
      "keyword", "workloads/keyword/workload.json",
      ModelInfo{"file", "workloads/keyword/model.tflite", "", std::string(64, 'e'), 50000}, 96,
      std::nullopt};
  keyword.dataset =
      DatasetInfo{"workloads/keyword/data/test", "y_labels.csv",   3, 96, 1, "top1", "class-scores",
                  {"yes", "no", "up"},           66.66666666666667};
  r.workloads.push_back(keyword);
  BoardInfo board;
  board.name = "m4-0";
  board.target = "qemu-m4";
  board.core = "cortex-m4";
  board.clock_hz = 25000000;
  board.cycles_per_instruction = {1.0, "assumed: one cycle per instruction"};
  board.firmware = {"0.1.0", "abc123", "tinyrack-ref", std::string(64, 'c')};
  board.probe.kind = "qemu-gdbstub";
  board.emulation =
      EmulationInfo{"mps2-an386",
                    "7.2.0",
                    0,
                    {"qemu-system-arm", "-machine", "mps2-an386", "-icount", "shift=0,sleep=off"}};
  board.power_profile = PowerProfileInfo{"nRF52840",
                                         "nRF52840 Product Specification",
                                         {"CPU running", "Sleep"},
                                         "2nd",
                                         "3 V, DC/DC, CoreMark from flash",
                                         3.0,
                                         64000000,
                                         0.0033,
                                         0.00000316,
                                         1.0,
                                         30.0};
  r.boards.push_back(board);

  ResultEntry passed;
  passed.board = "m4-0";
  passed.workload = "ad01-smoke";
  passed.status = ResultStatus::passed;
  passed.instructions = summarize({1200.0, 1000.0, 1100.0}, "instructions", "emulated");
  passed.frontend_instructions = summarize({5000.0, 4000.0, 4500.0}, "instructions", "emulated");
  passed.latency_us = summarize({48.0, 40.0, 44.0, 46.0}, "us", "modelled");
  passed.latency_us->basis = "instructions x 1.0 cycles/instruction / 25 MHz";
  passed.modelled_latency_us = summarize({18.0, 15.0, 16.5}, "us", "modelled");
  passed.modelled_latency_us->basis = "instructions x 1.0 cycles/instruction / 64 MHz";
  EnergyStatistic energy;
  energy.stat = summarize({0.178, 0.148, 0.163}, "uJ", "modelled");
  energy.stat.basis = "3 V x 3.3 mA over the window at 64 MHz";
  energy.source = "nRF52840, nRF52840 Product Specification, CPU running; Sleep [2nd, +-30 %]";
  energy.band_pct = 30.0;
  energy.cycles_per_instruction = 1.0;
  energy.calibration_k = 1.0;
  passed.energy_uj = energy;
  passed.active_power_mw = summarize({9.9}, "mW", "modelled");
  passed.active_power_mw->basis = "mean power between the markers";
  passed.idle_power_mw = summarize({0.00948}, "mW", "modelled");
  passed.idle_power_mw->basis = "mean power outside the windows";
  passed.outputs_sha256 = std::string(64, 'd');
  passed.outputs_match_host = true;
  passed.memory = MemoryInfo{9000, 262144, 6000, 2000, 1000};
  passed.windows = {{0, 1000, 0xDEADBEEFu}, {1, std::nullopt, 0u}, {2, 1200, 4294967295u}};
  passed.profile = sample_profile();
  r.results.push_back(passed);

  ResultEntry failed;
  failed.board = "m4-0";
  failed.workload = "fc-built";
  failed.status = ResultStatus::failed;
  failed.error = "m4-0: infer: timed out after 120000 ms";
  r.results.push_back(failed);

  ResultEntry scored = passed;
  scored.workload = "keyword";
  scored.profile.reset();
  scored.windows.clear();
  scored.windows_omitted = 96;
  // A board without a power profile: energy null, with the reason.
  scored.modelled_latency_us.reset();
  scored.energy_uj.reset();
  scored.active_power_mw.reset();
  scored.idle_power_mw.reset();
  scored.energy_unavailable_reason = "no current figures for this core class";
  AccuracyInfo acc;
  acc.metric = "top1";
  acc.value = Figure{66.66666666666667, "%", "emulated", ""};
  acc.host_value = 66.66666666666667;
  acc.matches_host = true;
  acc.files = 3;
  acc.windows = 96;
  acc.confusion = {{1, 0, 0}, {0, 1, 0}, {1, 0, 0}};
  scored.accuracy = acc;
  r.results.push_back(scored);

  r.artifacts = {{"transcript", "artifacts/m4-0/console.txt", "m4-0"},
                 {"stderr", "artifacts/m4-0/qemu.stderr", "m4-0"},
                 {"command_line", "artifacts/m4-0/qemu.cmdline", "m4-0"},
                 {"log", "artifacts/run.log", ""}};
  return r;
}

}  // namespace tr::report::test
