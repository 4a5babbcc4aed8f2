// Whole rack runs on the emulated boards: bit-exact outputs, both input paths, and the two
// failures a farm meets every night — a board that dies mid-run and one that never answers.
#include <signal.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <map>

#include "config/workload_spec.h"
#include "run/prepared_workload.h"
#include "run/rack_run.h"
#include "support/rack_fixture.h"
#include "support/silent_elf.h"
#include "support/test_paths.h"

using namespace tr;

namespace {

harness::RackRunOptions options_for(const char* name) {
  harness::RackRunOptions o;
  o.out_dir = test::scratch_dir(name);
  o.firmware_dir = test::firmware_dir();
  return o;
}

// Remembers each board's QEMU pid from the session events.
struct PidLog {
  std::map<std::string, int> pids;
  harness::EventSink sink() {
    return [this](const harness::SessionEvent& e) {
      if (e.step == "qemu-started") pids[e.board] = std::stoi(e.detail.substr(4));
    };
  }
};

const harness::BoardOutcome& outcome(const harness::RackRunResult& r, const std::string& board) {
  for (const auto& o : r.outcomes) {
    if (o.board == board) return o;
  }
  throw std::runtime_error("no outcome for " + board);
}

}  // namespace

TEST_CASE("every emulated board reproduces the host engine bit for bit", "[integration]") {
  auto rack = test::emulated_rack();
  auto workload = harness::prepare_workload(test::builder_workload(), test::source_dir());
  PidLog pids;
  auto result = harness::run_rack(rack, workload, options_for("rack-builder"), pids.sink());
  REQUIRE(result.outcomes.size() == 3);
  for (const auto& o : result.outcomes) {
    INFO(o.board << ": " << o.error);
    CHECK(o.passed);
    REQUIRE(o.windows.size() == 3);
    for (const auto& w : o.windows) {
      CHECK(w.matches_host);
      CHECK(w.instructions > 1000);
      CHECK(w.iterations == 2);
    }
    CHECK(o.identity.engine.find("tinyrack-int8") != std::string::npos);
    CHECK(o.memory.at("arena_used") > 0);
  }
  for (const auto& [board, pid] : pids.pids) CHECK(test::process_gone(pid));
}

TEST_CASE("the MLPerf ad01 reference model runs on every board", "[integration][mlperf]") {
  if (!test::mlperf_models_dir()) {
    WARN("skipped: MLPerf Tiny models not found (set TINYRACK_MLPERF_MODELS)");
    return;
  }
  auto spec = config::load_workload(test::source_dir() / "workloads/ad01-smoke/workload.json");
  auto workload = harness::prepare_workload(spec, test::source_dir());
  REQUIRE(workload.model_source == "mlperf");
  auto result = harness::run_rack(test::emulated_rack(), workload, options_for("rack-ad01"), {});
  for (const auto& o : result.outcomes) {
    INFO(o.board << ": " << o.error);
    CHECK(o.passed);
    // Golden outputs of the fact sheet for pattern P0: the first 16 output values.
    const std::vector<int8_t> golden = {-70, -27, -8, 17, 20, 24, 29, 40,
                                        26,  32,  34, 35, 30, 33, 31, 35};
    REQUIRE(o.windows.size() >= 1);
    REQUIRE(o.windows[0].input == "P0");
    for (size_t i = 0; i < golden.size(); ++i) {
      CHECK(static_cast<int8_t>(o.windows[0].output[i]) == golden[i]);
    }
  }
}

TEST_CASE("inputs sent as MLPerf db lines give the same outputs", "[integration]") {
  auto workload = harness::prepare_workload(test::builder_workload(1), test::source_dir());
  auto options = options_for("rack-db");
  options.boards = {"m4-0"};
  options.input_path = harness::InputPath::db;
  auto result = harness::run_rack(test::emulated_rack(), workload, options, {});
  REQUIRE(result.outcomes.size() == 1);
  INFO(result.outcomes[0].error);
  CHECK(result.outcomes[0].passed);
}

TEST_CASE("QEMU killed mid-run fails that board cleanly and the others finish", "[integration]") {
  auto workload = harness::prepare_workload(test::builder_workload(), test::source_dir());
  PidLog pids;
  auto log = pids.sink();
  bool killed = false;
  harness::EventSink sink = [&](const harness::SessionEvent& e) {
    log(e);
    if (e.board == "m7-0" && e.step == "infer" && !killed) {
      ::kill(pids.pids.at("m7-0"), SIGKILL);
      killed = true;
    }
  };
  auto result = harness::run_rack(test::emulated_rack(), workload, options_for("rack-kill"), sink);
  REQUIRE(killed);
  const auto& dead = outcome(result, "m7-0");
  CHECK_FALSE(dead.passed);
  INFO(dead.error);
  CHECK(dead.error.rfind("m7-0: ", 0) == 0);
  CHECK(dead.error.find("QEMU is no longer running") != std::string::npos);
  CHECK(outcome(result, "m4-0").passed);
  CHECK(outcome(result, "m55-0").passed);
  for (const auto& [board, pid] : pids.pids) CHECK(test::process_gone(pid));
}

TEST_CASE("a board that never answers times out with a clear message", "[integration]") {
  // Short deadlines so the hung board gives up quickly; they are read when the rack loads.
  ::setenv("TINYRACK_TIMEOUT_SCALE", "0.4", 1);
  auto rack = test::emulated_rack();
  ::unsetenv("TINYRACK_TIMEOUT_SCALE");
  auto options = options_for("rack-hung");
  // A firmware folder where qemu-m4's runner is an image that boots and stays silent.
  auto firmware = options.out_dir / "firmware";
  for (const char* t : {"qemu-m7", "qemu-m55"}) {
    std::filesystem::create_directories(firmware / t);
    std::filesystem::copy_file(test::firmware_dir() / t / "runner.elf",
                               firmware / t / "runner.elf");
  }
  const auto& m4 = test::board(rack, "m4-0").target;
  test::write_silent_elf(firmware / "qemu-m4" / "runner.elf", m4.code.origin,
                         m4.ram.origin + 0x1000);
  options.firmware_dir = firmware;
  auto workload = harness::prepare_workload(test::builder_workload(1), test::source_dir());
  PidLog pids;
  auto result = harness::run_rack(rack, workload, options, pids.sink());
  const auto& hung = outcome(result, "m4-0");
  CHECK_FALSE(hung.passed);
  CHECK(hung.failed_step == "boot");
  CHECK(hung.error.find("m4-0: boot: waiting for the boot banner timed out after 4000 ms") !=
        std::string::npos);
  CHECK(outcome(result, "m7-0").passed);
  CHECK(outcome(result, "m55-0").passed);
  for (const auto& [board, pid] : pids.pids) CHECK(test::process_gone(pid));
}

TEST_CASE("a board whose chip is not its target's core is refused before flashing",
          "[integration][probe]") {
  auto rack = test::emulated_rack();
  config::BoardSpec wrong = test::board(rack, "m4-0");
  wrong.target.identity->cpuid = 0x411FC272;  // the rack claims an M7 behind m4-0's probe
  rack.boards = {wrong, test::board(rack, "m7-0")};
  auto workload = harness::prepare_workload(test::builder_workload(), test::source_dir());
  std::map<std::string, std::vector<harness::SessionEvent>> events;
  PidLog pids;
  auto pid_sink = pids.sink();
  auto result = harness::run_rack(rack, workload, options_for("rack-identity"),
                                  [&](const harness::SessionEvent& e) {
                                    events[e.board].push_back(e);
                                    pid_sink(e);
                                  });
  const auto& refused = outcome(result, "m4-0");
  CHECK_FALSE(refused.passed);
  CHECK(refused.failed_step == "check-identity");
  CHECK_THAT(refused.error,
             Catch::Contains("refusing to flash board 'm4-0': its probe reaches a Cortex-M4 r0p0 "
                             "(CPUID 0x410fc240), but target 'qemu-m4' is a Cortex-M7 r1p2"));
  for (const auto& e : events["m4-0"]) CHECK(e.step != "flash");  // nothing was written
  const auto& m7 = outcome(result, "m7-0");
  CHECK(m7.passed);
  bool identified = false;
  for (const auto& e : events["m7-0"]) {
    identified = identified ||
                 (e.step == "check-identity" && e.detail == "Cortex-M7 r1p2 (CPUID 0x411fc272)");
  }
  CHECK(identified);
  for (const auto& [board, pid] : pids.pids) CHECK(test::process_gone(pid));
}
