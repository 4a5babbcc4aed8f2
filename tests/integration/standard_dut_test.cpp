// The fallback path end to end: firmware-qemu-m4-standard (the runner built as a standard-only
// DUT with the ad01-shaped fc-stack baked in, model id ad01) on an emulated board, driven by
// run_board: identify falls back when tr-id% is unknown, inputs go over db as float32, latency
// comes from the m-lap-us lines and the m-results-[<MSE>] values are checked against the host.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string>

#include "config/workload_spec.h"
#include "run/prepared_workload.h"
#include "session/board_session.h"
#include "support/rack_fixture.h"
#include "support/test_paths.h"

using namespace tr;

namespace {

std::filesystem::path standard_elf() {
  return test::firmware_dir() / "qemu-m4-standard" / "runner.elf";
}

// ad01-smoke with its builder fallback, which is the model baked into the standard firmware
// (cmake/Firmware.cmake uses the same recipe), whether or not the MLPerf files are around.
harness::PreparedWorkload ad01_smoke_builder() {
  ::setenv("TINYRACK_MLPERF_MODELS", "/nonexistent/tinyrack-standard-test", 1);
  auto spec = config::load_workload(test::source_dir() / "workloads/ad01-smoke/workload.json");
  auto w = harness::prepare_workload(spec, test::source_dir());
  REQUIRE(w.model_source == "builder");
  return w;
}

struct Run {
  harness::BoardOutcome outcome;
  std::map<std::string, int> pids;
};

Run run_standard_board(const harness::PreparedWorkload& w, const char* scratch) {
  auto rack = test::emulated_rack();
  harness::BoardJob job;
  job.board = test::board(rack, "m4-0");
  job.workload = &w;
  job.firmware_elf = standard_elf();
  job.out_dir = test::scratch_dir(scratch);
  job.qemu_program = rack.programs.qemu;
  Run run;
  auto sink = [&run](const harness::SessionEvent& e) {
    if (e.step == "qemu-started") run.pids[e.board] = std::stoi(e.detail.substr(4));
  };
  run.outcome = test::run_sync(harness::run_board(job, sink));
  return run;
}

std::string read_text(const std::filesystem::path& file) {
  std::ifstream in(file);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace

TEST_CASE("a standard-only DUT runs ad01-smoke over db, laps and m-results",
          "[integration][standard]") {
  REQUIRE(std::filesystem::exists(standard_elf()));
  const auto w = ad01_smoke_builder();
  Run run = run_standard_board(w, "standard-dut");
  const harness::BoardOutcome& o = run.outcome;
  INFO(o.error);
  REQUIRE(o.passed);
  CHECK(o.dut_kind == "mlperf-standard");
  CHECK(o.identity.standard_only);
  CHECK(o.identity.model_id == "ad01");
  CHECK(o.identity.version.empty());
  CHECK(o.identity.timer_hz == 1000000);
  REQUIRE(o.windows.size() == w.inputs.size());
  for (const harness::WindowResult& win : o.windows) {
    INFO(win.input);
    CHECK(win.standard_only);
    CHECK(win.output.empty());
    REQUIRE(win.scores.size() == 1);  // the reconstruction MSE
    REQUIRE(win.host_scores.size() == 1);
    CHECK(win.scores[0] > 0.0f);
    CHECK(win.matches_host);
    CHECK(win.iterations == w.spec.infer.iterations);
    CHECK(win.ticks > 0);              // µs of emulated time between the two laps
    CHECK(win.instructions > 100000);  // 4 inferences of ~280k MACs each
  }
  // The inputs of different patterns give different errors: the scores are not a constant.
  CHECK(o.windows[0].scores[0] != o.windows[3].scores[0]);
  const std::string transcript = read_text(o.transcript);
  CHECK(transcript.find("e-[Unknown command: tr-id]") != std::string::npos);
  CHECK(transcript.find("db load 2560%") != std::string::npos);  // 640 float32 values
  CHECK(transcript.find("tr-model") == std::string::npos);
  for (const auto& [board, pid] : run.pids) CHECK(test::process_gone(pid));
}

TEST_CASE("a standard-only DUT with another model than the workload's is refused",
          "[integration][standard]") {
  REQUIRE(std::filesystem::exists(standard_elf()));
  auto w = ad01_smoke_builder();
  w.spec.model.mlperf = "kws_ref_model.tflite";  // the workload now wants kws01
  Run run = run_standard_board(w, "standard-dut-mismatch");
  const harness::BoardOutcome& o = run.outcome;
  CHECK_FALSE(o.passed);
  CHECK(o.failed_step == "check-model");
  CHECK_THAT(o.error, Catch::Contains("'ad01'") && Catch::Contains("needs 'kws01'"));
  CHECK(o.windows.empty());
  for (const auto& [board, pid] : run.pids) CHECK(test::process_gone(pid));

  // A workload that names no MLPerf model cannot be checked against the fixed one.
  auto plain = harness::prepare_workload(test::builder_workload(), test::source_dir());
  Run unnamed = run_standard_board(plain, "standard-dut-unnamed");
  CHECK_FALSE(unnamed.outcome.passed);
  CHECK_THAT(unnamed.outcome.error, Catch::Contains("names no MLPerf Tiny model"));
}
