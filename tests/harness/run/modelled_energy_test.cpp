// The harness's modelled energy against the arithmetic it stands for: E per inference =
// V x I_run x k x instructions x CPI / f, with the committed targets' power profiles, and a
// reason instead of a figure wherever there is no profile or nothing to model.
#include "run/modelled_energy.h"

#include <catch2/catch.hpp>

#include "support/test_paths.h"

using namespace tr;
using Catch::Matchers::Contains;

namespace {

config::BoardSpec board(const std::string& target) {
  config::BoardSpec b;
  b.name = target == "qemu-m4" ? "m4-0" : target == "qemu-m7" ? "m7-0" : "m55-0";
  b.target = config::load_target(test::source_dir() / "targets" / (target + ".json"));
  return b;
}

// Two inputs timed with infer 4 on a 25 MHz SysTick (1 tick = 40 instructions at shift 0).
harness::BoardOutcome outcome() {
  harness::BoardOutcome o;
  o.board = "m4-0";
  o.passed = true;
  o.identity.timer_hz = 25'000'000;
  for (const auto& [name, ticks] : {std::pair{"in0", 100'000ull}, std::pair{"in1", 125'000ull}}) {
    harness::WindowResult w;
    w.input = name;
    w.iterations = 4;
    w.ticks = ticks;
    w.instructions = harness::instructions_per_inference(ticks, 25'000'000, 0, 4);
    o.windows.push_back(w);
  }
  return o;
}

}  // namespace

TEST_CASE("modelled energy per inference is V x I x k x cycles / f", "[harness][energy]") {
  const auto m4 = board("qemu-m4");
  const auto& p = *m4.target.power.profile;
  const double cpi = m4.target.cycles_per_instruction.value;
  const auto e = harness::modelled_energy(m4, outcome(), 1);
  INFO(e.unavailable_reason);
  REQUIRE(e.energy_uj);
  // Windows: 1e6 and 1.25e6 instructions per inference; the median is their mean.
  auto per_inference_uj = [&](double instructions) {
    return p.supply_v * p.run_current_a() * p.calibration_k * instructions * cpi /
           static_cast<double>(p.clock_hz) * 1e6;
  };
  const auto& s = e.energy_uj->stat;
  CHECK(s.unit == "uJ");
  CHECK(s.provenance == "modelled");
  CHECK(s.n == 2);
  CHECK(s.min == Approx(per_inference_uj(1e6)).epsilon(1e-6));
  CHECK(s.max == Approx(per_inference_uj(1.25e6)).epsilon(1e-6));
  CHECK(s.median == Approx(per_inference_uj(1.125e6)).epsilon(1e-6));
  CHECK_THAT(s.basis, Contains("nRF52840") && Contains("cycles/instruction"));
  CHECK_THAT(e.energy_uj->source, Contains("nRF52840") && Contains("[2nd, +-30 %]"));
  CHECK(e.energy_uj->band_pct == 30.0);
  CHECK(e.energy_uj->cycles_per_instruction == cpi);
  CHECK(e.energy_uj->calibration_k == 1.0);
  REQUIRE(e.active_power_mw);
  CHECK(e.active_power_mw->median == Approx(p.supply_v * p.run_current_a() * 1e3).epsilon(1e-6));
  CHECK(e.active_power_mw->unit == "mW");
  REQUIRE(e.idle_power_mw);
  CHECK(e.idle_power_mw->median == Approx(p.supply_v * p.sleep_current_a() * 1e3).epsilon(1e-5));
  CHECK(e.unavailable_reason.empty());

  const auto latency = harness::modelled_latency(m4.target, outcome());
  REQUIRE(latency);
  CHECK(latency->median == Approx(1.125e6 * cpi / 64e6 * 1e6));
  CHECK(latency->provenance == "modelled");
  CHECK_THAT(latency->basis, Contains("64 MHz") && Contains("nRF52840"));
}

TEST_CASE("the M7 model uses the H743's 480 MHz table point", "[harness][energy]") {
  const auto m7 = board("qemu-m7");
  const auto e = harness::modelled_energy(m7, outcome(), 0);
  REQUIRE(e.energy_uj);
  // 3.3 V x 110 mA x 1e6 instructions / 480 MHz, per inference.
  CHECK(e.energy_uj->stat.min == Approx(3.3 * 0.110 * 1e6 / 480e6 * 1e6).epsilon(1e-6));
  CHECK_FALSE(e.energy_uj->band_pct);
  CHECK(harness::power_profile_info(*m7.target.power.profile).tag == "DS");
}

TEST_CASE("no profile, no emulation or nothing to model: a reason, never a figure",
          "[harness][energy]") {
  const auto m55 = board("qemu-m55");
  auto e = harness::modelled_energy(m55, outcome(), 1);
  CHECK_FALSE(e.energy_uj);
  CHECK_FALSE(e.active_power_mw);
  CHECK_THAT(e.unavailable_reason, Contains("Cortex-M55"));
  CHECK_FALSE(harness::modelled_latency(m55.target, outcome()));

  auto real = board("qemu-m4");
  real.target.emulation.reset();
  CHECK_THAT(harness::modelled_energy(real, outcome(), 1).unavailable_reason,
             Contains("m4-0: not an emulated board"));

  auto broken = outcome();
  broken.windows[1].iterations = 0;
  e = harness::modelled_energy(board("qemu-m4"), broken, 1);
  CHECK_FALSE(e.energy_uj);
  CHECK_THAT(e.unavailable_reason, Contains("m4-0: modelled energy") && Contains("'in1'"));

  broken.windows.clear();
  CHECK_THAT(harness::modelled_energy(board("qemu-m4"), broken, 1).unavailable_reason,
             Contains("no timed windows"));
}
