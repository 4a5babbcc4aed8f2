// `tinyrack run` on the emulated rack carries modelled energy: qemu-m4 (nRF52840 profile) gets
// energy per inference, active and idle power and latency at the part's clock, each equal to
// the arithmetic it stands for; qemu-m55 (no Cortex-M55 figures exist) gets energy null with
// the reason. The report validates against the schema when jsonschema is installed.
#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>

#include "config/target_spec.h"
#include "reports/report_file.h"
#include "support/child_process.h"
#include "support/test_paths.h"

using namespace tr;
using Catch::Matchers::Contains;

namespace {

const report::ResultEntry& result_of(const report::Report& rep, const std::string& board) {
  for (const auto& r : rep.results) {
    if (r.board == board) return r;
  }
  FAIL("no result for board " << board);
  throw std::logic_error("unreachable");
}

// A small fully-connected model from the builder, three inputs, infer 3 with 1 warm-up.
std::filesystem::path write_workload(const std::filesystem::path& dir) {
  const auto file = dir / "workload.json";
  std::ofstream(file) << R"({"name": "energy-smoke",
    "model": {"fallback": {"builder": "fc-stack", "seed": 7, "layers": [96, 64, 16, 64, 96]}},
    "inputs": [{"pattern": "P0"}, {"pattern": "P2"}, {"random": {"seed": 5}}],
    "infer": {"iterations": 3, "warmup": 1}})";
  return file;
}

}  // namespace

TEST_CASE("tinyrack run reports modelled energy for qemu-m4 and none for qemu-m55",
          "[integration][energy]") {
  const auto dir = test::scratch_dir("modelled-run");
  const auto out = dir / "out";
  const auto run = test::run_child({TINYRACK_CLI, "run", "--rack",
                                    (test::source_dir() / "racks" / "emulated.json").string(),
                                    "--workload", write_workload(dir).string(), "--board", "m4-0",
                                    "--board", "m55-0", "--out", out.string(), "--quiet"});
  INFO(run.out << run.err);
  REQUIRE(run.exit_status == 0);
  CHECK_THAT(run.out, Contains("energy m4-0: modelled from") && Contains("nRF52840"));
  CHECK_THAT(run.out, Contains("energy m55-0: unavailable: ") && Contains("Cortex-M55"));

  const auto rep = report::read_report(out / "report.json");
  const auto m4_target = config::load_target(test::source_dir() / "targets" / "qemu-m4.json");
  const config::PowerProfile& p = *m4_target.power.profile;
  const double cpi = m4_target.cycles_per_instruction.value;
  const double f = static_cast<double>(p.clock_hz);

  const report::ResultEntry& m4 = result_of(rep, "m4-0");
  REQUIRE(m4.status == report::ResultStatus::passed);
  REQUIRE(m4.instructions);
  REQUIRE(m4.energy_uj);
  const report::Statistic& e = m4.energy_uj->stat;
  CHECK(e.unit == "uJ");
  CHECK(e.provenance == "modelled");
  CHECK(e.n == 3);  // one per input window
  // Energy per inference = V x I_run x k x instructions x CPI / f, window by window.
  const double uj_per_instruction =
      p.supply_v * p.run_current_a() * p.calibration_k * cpi / f * 1e6;
  CHECK(e.median == Approx(m4.instructions->median * uj_per_instruction).epsilon(1e-6));
  CHECK(e.min == Approx(m4.instructions->min * uj_per_instruction).epsilon(1e-6));
  CHECK(e.max == Approx(m4.instructions->max * uj_per_instruction).epsilon(1e-6));
  CHECK(e.median > 0.0);
  CHECK_THAT(m4.energy_uj->source, Contains("nRF52840") && Contains("[2nd, +-30 %]"));
  CHECK(m4.energy_uj->band_pct == 30.0);
  CHECK(m4.energy_uj->cycles_per_instruction == cpi);
  CHECK(m4.energy_uj->calibration_k == p.calibration_k);
  REQUIRE(m4.active_power_mw);
  CHECK(m4.active_power_mw->median ==
        Approx(p.supply_v * p.run_current_a() * p.calibration_k * 1e3).epsilon(1e-6));
  REQUIRE(m4.idle_power_mw);
  CHECK(m4.idle_power_mw->median == Approx(p.supply_v * p.sleep_current_a() * 1e3).epsilon(1e-5));
  // Latency at the part's clock beside the one at the emulated board's clock.
  REQUIRE(m4.modelled_latency_us);
  CHECK(m4.modelled_latency_us->median == Approx(m4.instructions->median * cpi / f * 1e6));
  CHECK(m4.latency_us->median ==
        Approx(m4.instructions->median * cpi / static_cast<double>(m4_target.clock_hz) * 1e6));

  const report::ResultEntry& m55 = result_of(rep, "m55-0");
  REQUIRE(m55.status == report::ResultStatus::passed);
  CHECK_FALSE(m55.energy_uj);
  CHECK_FALSE(m55.modelled_latency_us);
  CHECK_FALSE(m55.active_power_mw);
  CHECK_THAT(m55.energy_unavailable_reason, Contains("Cortex-M55"));

  for (const auto& b : rep.boards) {
    if (b.name == "m4-0") {
      REQUIRE(b.power_profile);
      CHECK(b.power_profile->tag == "2nd");
      CHECK(b.power_profile->clock_hz == 64'000'000u);
    } else {
      CHECK_FALSE(b.power_profile);
    }
  }
  std::ifstream in(out / "report.json");
  const auto raw = nlohmann::json::parse(in);
  for (const auto& r : raw["results"]) {
    if (r["board"] == "m55-0") CHECK(r["energy_uj"].is_null());
  }

  // The schema agrees, when the validator can run.
  const auto check =
      test::run_child({"/usr/bin/python3", "-c", "import jsonschema"}, test::ChildOptions{});
  if (check.exit_status != 0) {
    WARN("python3 jsonschema module not found: schema validation skipped");
    return;
  }
  const auto valid = test::run_child(
      {"/usr/bin/python3", (test::source_dir() / "reports" / "validate_report.py").string(),
       (out / "report.json").string()});
  INFO(valid.out << valid.err);
  CHECK(valid.exit_status == 0);
}
