// `tinyrack measure` and `tinyrack monitors` as a user runs them: a PPK2 and an Otii simulator
// (in this process) play a known waveform, the CLI captures it into a trace file, and the file
// read back holds the waveform's exact energy between markers within 0.5 % and every marker
// within one sample. Also: bad specs exit 2; `monitors` on fake sysfs trees.
#include <catch2/catch.hpp>
#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>

#include "power/energy/energy.h"
#include "power/otii/otii_simulator.h"
#include "power/ppk2/ppk2_simulator.h"
#include "power/sim/waveform.h"
#include "power/tracefile/trace_file.h"
#include "support/child_process.h"
#include "support/test_paths.h"

using namespace tr;
using power::PowerTrace;

namespace {

constexpr const char* kWaveform = "idle=2m,active=25m,period=100m,burst=40m,volts=3,first=20m";

std::string cli() {
  return TINYRACK_CLI;
}

// Markers against the waveform's edges (each within one output sample) and energy between
// them against the exact integral: every burst, and the last two markers (what the summary
// prints and MLPerf Tiny integrates).
void check_against_waveform(const PowerTrace& t, const power::sim::Waveform& w, double pulse_s) {
  const double dt = 1.0 / t.rate_hz;
  const auto truth = w.marker_times(0.0, t.duration_s() - pulse_s);
  REQUIRE(truth.size() >= 6);  // 1 s of 100 ms periods: ~20 edges
  REQUIRE(t.markers.size() == truth.size());
  for (std::size_t k = 0; k < truth.size(); ++k) {
    INFO("marker " << k << " true " << truth[k] << " s, seen " << t.markers[k].t_s << " s");
    CHECK(std::abs(t.markers[k].t_s - truth[k]) <= dt + 1e-9);
    CHECK(t.markers[k].falling);
  }
  for (std::size_t k = 0; k + 1 < truth.size(); k += 2) {  // truth[0] starts a burst
    const double want = w.energy_between(truth[k], truth[k + 1]);
    const double got = power::energy_between(t, t.markers[k].t_s, t.markers[k + 1].t_s);
    INFO("burst " << k / 2 << ": " << got << " J vs " << want << " J");
    CHECK(std::abs(got - want) <= 0.005 * want);
  }
  const auto n = truth.size();
  const double want = w.energy_between(truth[n - 2], truth[n - 1]);
  const double got = power::energy_between(t, t.markers[n - 2].t_s, t.markers[n - 1].t_s);
  CHECK(std::abs(got - want) <= 0.005 * want);
}

// Runs `tinyrack measure ARGS...` with a minute's limit.
test::ChildResult run_measure(std::vector<std::string> args) {
  args.insert(args.begin(), {cli(), "measure"});
  test::ChildOptions limit;
  limit.limit = std::chrono::seconds(60);
  return test::run_child(args, limit);
}

}  // namespace

TEST_CASE("measure captures a PPK2 into a trace file with the waveform's energy",
          "[integration][cli][power]") {
  const auto dir = test::scratch_dir("measure-ppk2");
  power::ppk2::Ppk2SimulatorOptions so;
  so.waveform = power::sim::Waveform::parse(kWaveform);
  power::ppk2::Ppk2Simulator sim(so);
  sim.start();
  const auto out = dir / "trace.csv";
  auto r = run_measure({"--monitor", "ppk2:" + sim.port(), "--seconds", "1", "--rate", "10000",
                        "--supply", "on", "--out", out.string()});
  sim.stop();
  INFO(r.out << r.err);
  REQUIRE(r.exit_status == 0);
  CHECK(r.out.find("monitor:        ppk2 on " + sim.port()) != std::string::npos);
  CHECK(r.out.find("last window:") != std::string::npos);
  CHECK(r.out.find("energy:") != std::string::npos);

  const auto trace = power::read_trace_file(out);
  CHECK(trace.rate_hz == 10000.0);
  CHECK(trace.duration_s() >= 0.9);
  CHECK(trace.supply_v == Approx(3.0));
  CHECK_FALSE(trace.ended_by_error);
  check_against_waveform(trace, so.waveform, so.marker_pulse_s);
}

TEST_CASE("measure captures an Otii into a trace file with the waveform's energy",
          "[integration][cli][power]") {
  const auto dir = test::scratch_dir("measure-otii");
  power::otii::OtiiSimulatorOptions so;
  so.waveform = power::sim::Waveform::parse(kWaveform);
  power::otii::OtiiSimulator sim(so);
  sim.start();
  const auto out = dir / "trace.csv";
  auto r = run_measure({"--monitor", "otii:127.0.0.1:" + std::to_string(sim.port()), "--seconds",
                        "1", "--supply", "on", "--volts", "3", "--out", out.string()});
  sim.stop();
  INFO(r.out << r.err);
  REQUIRE(r.exit_status == 0);
  const auto trace = power::read_trace_file(out);
  CHECK(trace.rate_hz == so.sample_rate_hz);
  CHECK(trace.voltage_v.size() == trace.size());
  check_against_waveform(trace, so.waveform, so.marker_pulse_s);
}

TEST_CASE("measure ends early with the data kept when the monitor is unplugged",
          "[integration][cli][power]") {
  const auto dir = test::scratch_dir("measure-unplug");
  power::ppk2::Ppk2SimulatorOptions so;
  so.waveform = power::sim::Waveform::parse(kWaveform);
  so.faults = power::ppk2::Ppk2Faults::parse("unplug=0.5");
  power::ppk2::Ppk2Simulator sim(so);
  sim.start();
  const auto out = dir / "trace.csv";
  auto r = run_measure({"--monitor", "ppk2:" + sim.port(), "--seconds", "2", "--rate", "1000",
                        "--supply", "on", "--out", out.string()});
  sim.stop();
  INFO(r.out << r.err);
  CHECK(r.exit_status == 1);
  CHECK(r.out.find("ended by error:") != std::string::npos);
  const auto trace = power::read_trace_file(out);
  REQUIRE(trace.ended_by_error);
  CHECK(trace.ended_by_error->find(sim.port()) != std::string::npos);
  CHECK(trace.size() > 300);  // about 0.5 s at 1 kHz arrived before the unplug
}

TEST_CASE("measure rejects bad specs and arguments with exit 2", "[integration][cli][power]") {
  const auto out = (test::scratch_dir("measure-bad") / "t.csv").string();
  auto bad = test::run_child(
      {cli(), "measure", "--monitor", "ppk2:/dev/ttyACM0,volts=9", "--seconds", "1", "--out", out});
  CHECK(bad.exit_status == 2);
  CHECK(bad.err.find("monitor spec 'ppk2:/dev/ttyACM0,volts=9'") != std::string::npos);
  CHECK(bad.err.find("outside 0.8..5") != std::string::npos);
  auto kind =
      test::run_child({cli(), "measure", "--monitor", "js220:usb", "--seconds", "1", "--out", out});
  CHECK(kind.exit_status == 2);
  CHECK(kind.err.find("unknown monitor kind 'js220'") != std::string::npos);
  auto modelled =
      test::run_child({cli(), "measure", "--monitor", "modelled", "--seconds", "1", "--out", out});
  CHECK(modelled.exit_status == 2);
  auto seconds = test::run_child(
      {cli(), "measure", "--monitor", "ppk2:/dev/null", "--seconds", "-1", "--out", out});
  CHECK(seconds.exit_status == 2);
  CHECK_FALSE(std::filesystem::exists(out));
}

TEST_CASE("monitors lists what a sysfs tree holds", "[integration][cli][power]") {
  const auto root = test::scratch_dir("monitors-cli") / "sys";
  std::filesystem::create_directories(root / "bus" / "usb" / "devices");
  auto none = test::run_child({cli(), "monitors", "--sysfs", root.string()});
  CHECK(none.exit_status == 0);
  CHECK(none.out.find("no power monitors found") != std::string::npos);

  const auto dev = root / "bus" / "usb" / "devices" / "1-2";
  std::filesystem::create_directories(dev / "1-2:1.0" / "tty" / "ttyACM3");
  std::ofstream(dev / "idVendor") << "0483\n";
  std::ofstream(dev / "idProduct") << "5740\n";
  std::ofstream(dev / "serial") << "PS123\n";
  auto table = test::run_child({cli(), "monitors", "--sysfs", root.string()});
  CHECK(table.exit_status == 0);
  CHECK(table.out.find("lpm01a:/dev/ttyACM3") != std::string::npos);
  CHECK(table.out.find("PS123") != std::string::npos);
  auto json = test::run_child({cli(), "monitors", "--sysfs", root.string(), "--json"});
  REQUIRE(json.exit_status == 0);
  const auto list = nlohmann::json::parse(json.out);
  REQUIRE(list.size() == 1);
  CHECK(list[0]["kind"] == "lpm01a");
  CHECK(list[0]["vid_pid"] == "0483:5740");
  CHECK(list[0]["spec"] == "lpm01a:/dev/ttyACM3");
}
