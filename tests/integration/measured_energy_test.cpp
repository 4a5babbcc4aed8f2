// A rack that binds a real power monitor to a board: the session opens the monitor before the
// board starts, switches the runner to energy mode, captures each timed window and reports
// `measured` energy. The monitor here is the PPK2 simulator on a PTY and the board an emulated
// one, so the simulator's markers are its own waveform's, not the board's pulses: each window's
// energy must be the waveform's exact energy between two of its consecutive markers (a burst or
// the gap after one) divided by the window's inferences. Also: a monitor that cannot be opened
// and one unplugged mid-run leave the board passed and say why in the report.
#include <catch2/catch.hpp>
#include <cmath>
#include <fstream>
#include <sstream>

#include "power/ppk2/ppk2_simulator.h"
#include "power/sim/waveform.h"
#include "power/spec/monitor_spec.h"
#include "reports/report_file.h"
#include "run/prepared_workload.h"
#include "run/rack_run.h"
#include "run/report_builder.h"
#include "support/child_process.h"
#include "support/rack_fixture.h"
#include "support/test_paths.h"

using namespace tr;

namespace {

// Short periods, so every capture (start, infer, stop) holds several markers. Burst and idle
// currents close together: which interval a capture ends on is chance, and an edge's one-sample
// uncertainty costs (active - idle) x 10 us, which must stay small against the idle interval
// (with 2 mA idle and 25 mA bursts it alone is about 2 %). The driver's accuracy on a real
// waveform is tested in tests/probes/power/ppk2.
constexpr const char* kWaveform = "idle=10m,active=12m,period=10m,burst=4m,volts=3,first=2m";

power::ppk2::Ppk2SimulatorOptions simulator_options() {
  power::ppk2::Ppk2SimulatorOptions so;
  so.waveform = power::sim::Waveform::parse(kWaveform);
  return so;
}

struct Run {
  harness::BoardOutcome outcome;
  report::Report report;
  std::filesystem::path out;
};

// The builder workload on the rack's m4 board alone, with `monitor` bound to it.
Run run_with_monitor(const std::string& monitor, const char* name,
                     const harness::EventSink& events = {}) {
  config::RackSpec rack = test::emulated_rack();
  config::BoardSpec board = test::board(rack, "m4-0");
  board.monitor = power::parse_monitor_spec(monitor);
  rack.boards = {board};
  const auto workload = harness::prepare_workload(test::builder_workload(), test::source_dir());
  harness::RackRunOptions options;
  options.out_dir = test::scratch_dir(name);
  options.firmware_dir = test::firmware_dir();
  const harness::RackRunResult result = harness::run_rack(rack, workload, options, events);
  REQUIRE(result.outcomes.size() == 1);
  harness::RunContext context;
  context.rack_file = test::source_dir() / "racks" / "emulated.json";
  Run run{result.outcomes[0], harness::build_report(rack, workload, result, context),
          options.out_dir};
  report::write_report(run.report, run.out / "report.json");
  return run;
}

std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

void check_schema(const std::filesystem::path& report) {
  auto v = test::run_child({"/usr/bin/python3",
                            (test::source_dir() / "reports/validate_report.py").string(),
                            report.string()});
  INFO(v.out << v.err);
  if (v.exit_status == 2 && v.err.find("jsonschema") != std::string::npos) {
    WARN("skipped schema check: python3-jsonschema missing");
  } else {
    CHECK(v.exit_status == 0);
  }
}

}  // namespace

TEST_CASE("a rack's PPK2 measures each window of an emulated board in energy mode",
          "[integration][power]") {
  const auto so = simulator_options();
  power::ppk2::Ppk2Simulator sim(so);
  sim.start();
  const Run run = run_with_monitor("ppk2:" + sim.port(), "measured-ppk2");
  const bool dut_on = sim.stats().dut_on;
  sim.stop();

  const harness::BoardOutcome& o = run.outcome;
  INFO(o.error);
  REQUIRE(o.passed);
  REQUIRE(o.monitor);
  INFO(o.monitor->error);
  CHECK(o.monitor->error.empty());
  CHECK(o.monitor->description.find(sim.port()) != std::string::npos);
  CHECK(dut_on);  // the monitor powers the board before it starts
  // Energy mode: the runner was switched, and its infer replies carried no lap lines.
  const std::string console = read_text(o.transcript);
  CHECK(console.find("> tr-timestamp-mode energy") != std::string::npos);
  CHECK(console.find("< m-timestamp-mode-energy") != std::string::npos);
  CHECK(console.find("m-lap-us-", console.find("m-timestamp-mode-energy")) == std::string::npos);

  const power::sim::Waveform& w = so.waveform;
  const double burst_j = w.volts * w.active_a * w.active_s;
  const double gap_j = w.volts * w.idle_a * (w.period_s - w.active_s);
  REQUIRE(o.windows.size() == 3);
  for (const harness::WindowResult& win : o.windows) {
    INFO(win.input);
    REQUIRE(win.measured);
    CHECK(win.measured->markers >= 2);
    REQUIRE(win.measured->energy_per_inference_j);
    const double whole = *win.measured->energy_per_inference_j * win.iterations;
    const double want = std::abs(whole - burst_j) < std::abs(whole - gap_j) ? burst_j : gap_j;
    INFO(whole << " J between the last two markers; the waveform gives " << want << " J");
    CHECK(std::abs(whole - want) <= 0.005 * want);
    CHECK(win.matches_host);  // energy mode changes nothing the board computes
  }

  REQUIRE(run.report.results.size() == 1);
  const report::ResultEntry& r = run.report.results[0];
  REQUIRE(r.energy_uj);
  CHECK(r.energy_uj->stat.provenance == "measured");
  CHECK(r.energy_uj->stat.n == 3);
  CHECK(r.energy_uj->source.find("ppk2") != std::string::npos);
  CHECK_FALSE(r.energy_uj->cycles_per_instruction);
  REQUIRE(r.active_power_mw);
  CHECK(r.active_power_mw->provenance == "measured");
  CHECK_FALSE(r.idle_power_mw);
  check_schema(run.out / "report.json");
}

TEST_CASE("a monitor that cannot be opened leaves the board passed and says why",
          "[integration][power]") {
  const Run run = run_with_monitor("ppk2:/dev/tinyrack-no-such-ppk2", "measured-dead");
  INFO(run.outcome.error);
  CHECK(run.outcome.passed);
  REQUIRE(run.outcome.monitor);
  CHECK(run.outcome.monitor->error.find("m4-0: monitor ppk2:/dev/tinyrack-no-such-ppk2: open") ==
        0);
  // Never switched to energy mode: the laps are printed as usual.
  CHECK(read_text(run.outcome.transcript).find("tr-timestamp-mode") == std::string::npos);
  const report::ResultEntry& r = run.report.results.at(0);
  CHECK_FALSE(r.energy_uj);
  CHECK(r.energy_unavailable_reason == run.outcome.monitor->error);
  CHECK(r.latency_us);
  check_schema(run.out / "report.json");
}

TEST_CASE("a monitor unplugged mid-run keeps what it measured and fails no board",
          "[integration][power]") {
  const auto so = simulator_options();
  power::ppk2::Ppk2Simulator sim(so);
  sim.start();
  // Pulled out just before the second input's window.
  const harness::EventSink unplug = [&sim](const harness::SessionEvent& e) {
    if (e.step == "infer" && e.detail == "P2") sim.unplug();
  };
  const Run run = run_with_monitor("ppk2:" + sim.port(), "measured-unplug", unplug);
  sim.stop();

  INFO(run.outcome.error);
  CHECK(run.outcome.passed);
  REQUIRE(run.outcome.monitor);
  const std::string& error = run.outcome.monitor->error;
  INFO(error);
  CHECK(error.find("m4-0: monitor ppk2:" + sim.port() + ": window P2") == 0);
  CHECK(error.find("disconnected") != std::string::npos);
  REQUIRE(run.outcome.windows.size() == 3);
  CHECK(run.outcome.windows[0].measured);
  CHECK_FALSE(run.outcome.windows[1].measured);
  CHECK_FALSE(run.outcome.windows[2].measured);
  const report::ResultEntry& r = run.report.results.at(0);
  REQUIRE(r.energy_uj);  // the first window's figure is kept, and the basis says what happened
  CHECK(r.energy_uj->stat.n == 1);
  CHECK(r.energy_uj->stat.basis.find("on 1 of 3 windows (then: " + error + ")") !=
        std::string::npos);
  check_schema(run.out / "report.json");
}
