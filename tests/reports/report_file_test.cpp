#include "reports/report_file.h"

#include <catch2/catch.hpp>
#include <fstream>

#include "sample_report.h"
#include "support/test_paths.h"

using namespace tr::report;
using Catch::Matchers::Contains;

TEST_CASE("a report survives write and read unchanged", "[report][file]") {
  const auto original = test::sample_report();
  const auto file = tr::test::scratch_dir("report") / "out" / "report.json";
  write_report(original, file);
  const auto back = read_report(file);
  CHECK(back.results == original.results);
  CHECK(back.boards == original.boards);
  CHECK(back.workloads == original.workloads);
  CHECK(back.artifacts == original.artifacts);
  CHECK(back == original);
}

TEST_CASE("to_json writes the fixed units and provenances", "[report][file]") {
  const auto j = to_json(test::sample_report());
  CHECK(j["schema_version"] == "0.1");
  const auto& passed = j["results"][0];
  CHECK(passed["memory"]["unit"] == "bytes");
  CHECK(passed["memory"]["provenance"] == "measured");
  CHECK(passed["instructions"]["unit"] == "instructions");
  CHECK(passed["latency_us"]["provenance"] == "modelled");
  CHECK(passed["latency_us"]["median"] == 45.0);
  CHECK_FALSE(passed["windows"][1].contains("instructions"));
  CHECK(passed["energy_uj"]["unit"] == "uJ");
  CHECK(passed["energy_uj"]["provenance"] == "modelled");
  CHECK(passed["energy_uj"]["median"] == 0.163);
  CHECK(passed["energy_uj"]["band_pct"] == 30.0);
  CHECK(passed["energy_uj"]["cycles_per_instruction"] == 1.0);
  CHECK(passed["modelled_latency_us"]["median"] == 16.5);
  CHECK(passed["frontend_instructions"]["median"] == 4500.0);
  CHECK_FALSE(passed.contains("energy_unavailable_reason"));
  // No energy is an explicit null with its reason.
  const auto& scored = j["results"][2];
  CHECK(scored["energy_uj"].is_null());
  CHECK(scored["energy_unavailable_reason"] == "no current figures for this core class");
  CHECK(j["boards"][0]["power_profile"]["tag"] == "2nd");
  const auto& failed = j["results"][1];
  CHECK(failed["status"] == "failed");
  CHECK_FALSE(failed.contains("latency_us"));
  CHECK_FALSE(failed.contains("memory"));
  CHECK_FALSE(j["artifacts"][3].contains("board"));
  CHECK_FALSE(failed.contains("profile"));
  CHECK_FALSE(failed.contains("energy_uj"));
  const auto& op = passed["profile"]["operators"][0];
  CHECK(op["op"] == "FULLY_CONNECTED");
  CHECK(op["input_shape"] == nlohmann::json::array({1, 640}));
  CHECK(op["macs"]["unit"] == "MACs");
  CHECK(op["time"]["provenance"] == "emulated");
  CHECK(passed["profile"]["unhooked_total"]["value"] == 1100.0);
}

TEST_CASE("a profile reads back alone and names a missing field", "[report][file]") {
  const auto profile = test::sample_profile();
  CHECK(profile_from_json(to_json(profile), "p.json") == profile);
  auto j = to_json(profile);
  j["operators"][1].erase("arena_bytes");
  CHECK_THROWS_WITH(profile_from_json(j, "p.json"),
                    Contains("p.json: /operators/1: missing key 'arena_bytes'"));
}

TEST_CASE("write_report replaces an existing file and leaves no temp file", "[report][file]") {
  const auto dir = tr::test::scratch_dir("report");
  const auto file = dir / "report.json";
  { std::ofstream(file) << "old contents"; }
  write_report(test::sample_report(), file);
  CHECK(read_report(file).rack.name == "emulated");
  std::size_t entries = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir)) ++entries;
  CHECK(entries == 1);
}

TEST_CASE("write_report fails with the path when it cannot write", "[report][file]") {
  const auto dir = tr::test::scratch_dir("report");
  { std::ofstream(dir / "blocker") << "a file, not a folder"; }
  const auto file = dir / "blocker" / "report.json";
  CHECK_THROWS(write_report(test::sample_report(), file));
}

TEST_CASE("read_report names the file and the field that is wrong", "[report][file]") {
  const auto dir = tr::test::scratch_dir("report");
  auto j = to_json(test::sample_report());
  j["results"][0]["latency_us"].erase("median");
  { std::ofstream(dir / "bad.json") << j.dump(); }
  try {
    read_report(dir / "bad.json");
    FAIL("expected a ReportError");
  } catch (const ReportError& e) {
    CHECK_THAT(e.what(), Contains((dir / "bad.json").string() +
                                  ": /results/0/latency_us: missing key 'median'"));
  }
  j = to_json(test::sample_report());
  j["schema_version"] = "9.9";
  { std::ofstream(dir / "future.json") << j.dump(); }
  CHECK_THROWS_WITH(read_report(dir / "future.json"), Contains("unsupported schema_version '9.9'"));
  { std::ofstream(dir / "broken.json") << "{\"schema_version\": "; }
  CHECK_THROWS_WITH(read_report(dir / "broken.json"), Contains("invalid JSON"));
}
