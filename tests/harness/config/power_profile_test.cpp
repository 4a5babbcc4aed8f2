// Power profiles in target files: the committed ones cite a real part (or say why not), table
// points interpolate and never extrapolate, and every mistake names the file and JSON pointer.
#include "config/power_profile.h"

#include <catch2/catch.hpp>
#include <optional>
#include <string>
#include <vector>

#include "config/target_spec.h"
#include "config_test_support.h"
#include "support/test_paths.h"

using namespace tr::config;
using namespace tr::config::test;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;
using nlohmann::json;

namespace {

std::filesystem::path committed(const std::string& name) {
  return tr::test::source_dir() / "targets" / (name + ".json");
}

// qemu-m7.json with one edit under /power; returns the error and where it was written.
std::string power_error(const std::string& pointer, const std::optional<json>& value,
                        std::filesystem::path* written, const std::string& base = "qemu-m7") {
  auto doc = read_json(committed(base));
  edit(doc, pointer, value);
  *written = write_json(tr::test::scratch_dir("power") / (base + ".json"), doc);
  return config_error([&] { load_target(*written); });
}

}  // namespace

TEST_CASE("the committed targets carry their power profiles", "[config][power]") {
  const auto m7 = load_target(committed("qemu-m7"));
  REQUIRE(m7.power.profile);
  const PowerProfile& h7 = *m7.power.profile;
  CHECK_THAT(h7.part, Contains("STM32H743"));
  CHECK_THAT(h7.document, Contains("DS12110"));
  CHECK(h7.tag == SourceTag::datasheet);
  CHECK_FALSE(h7.band_pct);
  CHECK(h7.supply_v == 3.3);
  CHECK(h7.clock_hz == 480'000'000u);
  CHECK(h7.run_current_a() == Approx(0.110));
  CHECK(h7.sleep_current_a() == Approx(0.0507));
  CHECK(h7.calibration_k == 1.0);
  CHECK_THAT(h7.citation(), Contains("Table 130") && Contains("Table 134") && Contains("[DS]"));

  const auto m4 = load_target(committed("qemu-m4"));
  REQUIRE(m4.power.profile);
  const PowerProfile& nrf = *m4.power.profile;
  CHECK_THAT(nrf.part, Contains("nRF52840"));
  CHECK(nrf.tag == SourceTag::second_hand);
  REQUIRE(nrf.band_pct);
  CHECK(*nrf.band_pct == 30.0);
  CHECK(nrf.supply_v == 3.0);
  CHECK(nrf.clock_hz == 64'000'000u);
  CHECK(nrf.run_current_a() == Approx(0.0033));
  CHECK(nrf.sleep_current_a() == Approx(3.16e-6));
  CHECK_THAT(nrf.citation(), Contains("[2nd, +-30 %]"));

  const auto m55 = load_target(committed("qemu-m55"));
  CHECK_FALSE(m55.power.profile);
  CHECK_THAT(m55.power.unavailable_reason, Contains("Cortex-M55"));
}

TEST_CASE("table points interpolate linearly, a fit keeps its offset", "[config][power]") {
  CurrentCurve table;
  table.points = {{200'000'000, 0.0345}, {400'000'000, 0.080}, {480'000'000, 0.110}};
  CHECK(table.at(200'000'000) == Approx(0.0345));
  CHECK(table.at(300'000'000) == Approx((0.0345 + 0.080) / 2));
  CHECK(table.at(440'000'000) == Approx(0.095));
  CurrentCurve fit;
  fit.offset_amps = 0.005;
  fit.per_mhz_amps = 0.0005;
  CHECK(fit.at(216'000'000) == Approx(0.005 + 0.0005 * 216));
}

TEST_CASE("a target without a power object has no profile, and says so", "[config][power]") {
  auto doc = read_json(committed("qemu-m4"));
  doc.erase("power");
  const auto file = write_json(tr::test::scratch_dir("power") / "qemu-m4.json", doc);
  const auto t = load_target(file);
  CHECK_FALSE(t.power.profile);
  CHECK_THAT(t.power.unavailable_reason, Contains(file.string()) && Contains("no \"power\""));
}

TEST_CASE("a 64 MHz clock between two table points is interpolated", "[config][power]") {
  auto doc = read_json(committed("qemu-m7"));
  doc["power"]["clock_hz"] = 300'000'000;
  const auto file = write_json(tr::test::scratch_dir("power") / "qemu-m7.json", doc);
  const auto t = load_target(file);
  CHECK(t.power.profile->run_current_a() == Approx((0.0345 + 0.080) / 2));
}

TEST_CASE("power profile errors name the file and the JSON pointer", "[config][power]") {
  struct Case {
    std::string pointer;
    std::optional<json> value;
    std::string location;
    std::string problem;
    std::string base = "qemu-m7";
  };
  const std::vector<Case> cases = {
      {"/power/part", std::nullopt, "/power", "missing required key 'part'"},
      {"/power/tables", json::array(), "/power/tables", "at least one table"},
      {"/power/tables/0", json(""), "/power/tables/0", "must not be empty"},
      {"/power/tag", json("3rd"), "/power/tag", "unknown source tag '3rd' (known: 2nd, DS)"},
      {"/power/supply_v", json(0), "/power/supply_v", "out of range"},
      {"/power/clock_hz", json(600'000'000), "/power/clock_hz",
       "clock 600 MHz is outside the run_current points (200 MHz to 480 MHz)"},
      {"/power/clock_hz", json(100'000'000), "/power/clock_hz", "never extrapolated"},
      {"/power/run_current/points/1/hz", json(100'000'000), "/power/run_current/points/1/hz",
       "ascending clock order"},
      {"/power/run_current/points/0/amps", json(-0.1), "/power/run_current/points/0/amps",
       "out of range"},
      {"/power/run_current/points", json::array(), "/power/run_current/points", "at least one"},
      {"/power/run_current/offset_amps", json(0.005), "/power/run_current", "not both"},
      {"/power/sleep_current", json::object(), "/power/sleep_current", "or neither"},
      {"/power/sleep_current", json({{"offset_amps", 0.004}}), "/power/sleep_current",
       "missing required key 'per_mhz_amps'"},
      {"/power/sleep_current", json({{"offset_amps", -0.004}, {"per_mhz_amps", 0.0002}}),
       "/power/sleep_current/offset_amps", "cannot be negative"},
      {"/power/calibration_k", json(0), "/power/calibration_k", "out of range"},
      {"/power/band_pct", json(130), "/power/band_pct", "out of range"},
      {"/power/watts", json(1), "/power/watts", "unknown key 'watts'"},
      {"/power/band_pct", std::nullopt, "/power", "missing required key 'band_pct'", "qemu-m4"},
      {"/power/unavailable", json(""), "/power/unavailable", "must not be empty", "qemu-m55"},
      {"/power/part", json("x"), "/power/part", "unknown key 'part' (allowed: unavailable)",
       "qemu-m55"},
  };
  for (const auto& c : cases) {
    INFO("edit " << c.base << " " << c.pointer);
    std::filesystem::path file;
    const auto message = power_error(c.pointer, c.value, &file, c.base);
    CHECK_THAT(message, StartsWith(file.string() + ": " + c.location + ": "));
    CHECK_THAT(message, Contains(c.problem));
  }
}
