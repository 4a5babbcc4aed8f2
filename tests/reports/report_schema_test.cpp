// Runs reports/validate_report.py (python3 + jsonschema) on reports the C++ writer produced:
// the full sample must pass, and each broken variant must fail, proving the schema bites.
#include <sys/wait.h>

#include <array>
#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "reports/report_file.h"
#include "sample_report.h"
#include "support/test_paths.h"

using namespace tr::report;
using Catch::Matchers::Contains;
using nlohmann::json;

namespace {

constexpr const char* kPython = "/usr/bin/python3";

struct RunResult {
  int exit_code = -1;
  std::string output;
};

RunResult run(const std::string& command) {
  RunResult r;
  FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
  REQUIRE(pipe != nullptr);
  std::array<char, 4096> buffer{};
  std::size_t n = 0;
  while ((n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0)
    r.output.append(buffer.data(), n);
  const int status = ::pclose(pipe);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

// False (with a WARN) when python3 or its jsonschema module is missing.
bool validator_available() {
  if (!std::filesystem::exists(kPython)) {
    WARN("/usr/bin/python3 not found: schema validation skipped");
    return false;
  }
  if (run(std::string(kPython) + " -c 'import jsonschema'").exit_code != 0) {
    WARN("python3 jsonschema module not found: schema validation skipped");
    return false;
  }
  return true;
}

RunResult validate(const std::filesystem::path& file) {
  const auto script = tr::test::source_dir() / "reports" / "validate_report.py";
  return run(std::string(kPython) + " '" + script.string() + "' '" + file.string() + "'");
}

RunResult validate_json(const json& document, const char* name) {
  const auto file = tr::test::scratch_dir("schema") / name;
  std::ofstream(file) << document.dump(2);
  return validate(file);
}

}  // namespace

TEST_CASE("a fully populated report validates against the schema", "[report][schema]") {
  if (!validator_available()) return;
  const auto file = tr::test::scratch_dir("schema") / "report.json";
  write_report(test::sample_report(), file);
  const auto result = validate(file);
  INFO(result.output);
  CHECK(result.exit_code == 0);
  CHECK_THAT(result.output, Contains(": valid"));
}

TEST_CASE("a minimal report (no boards, no results) validates", "[report][schema]") {
  if (!validator_available()) return;
  Report r;
  r.tool.version = "0.1.0";
  r.created_utc = utc_timestamp(std::chrono::system_clock::now());
  r.host = {"h", "linux"};
  r.rack = {"emulated", "racks/emulated.json"};
  const auto result = validate_json(to_json(r), "minimal.json");
  INFO(result.output);
  CHECK(result.exit_code == 0);
}

TEST_CASE("broken reports fail validation with a JSON path", "[report][schema]") {
  if (!validator_available()) return;
  struct Case {
    const char* what;
    void (*edit)(json&);
    const char* path;  // where the validator must point
  };
  const Case cases[] = {
      {"latency without provenance",
       [](json& j) { j["results"][0]["latency_us"].erase("provenance"); },
       "$.results[0].latency_us"},
      {"instructions in the wrong unit",
       [](json& j) { j["results"][0]["instructions"]["unit"] = "cycles"; },
       "$.results[0].instructions.unit"},
      {"instructions claimed as measured",
       [](json& j) { j["results"][0]["instructions"]["provenance"] = "measured"; },
       "$.results[0].instructions.provenance"},
      {"latency in milliseconds", [](json& j) { j["results"][0]["latency_us"]["unit"] = "ms"; },
       "$.results[0].latency_us.unit"},
      {"modelled latency without its basis",
       [](json& j) { j["results"][0]["latency_us"].erase("basis"); }, "$.results[0].latency_us"},
      {"memory in kilobytes", [](json& j) { j["results"][0]["memory"]["unit"] = "kB"; },
       "$.results[0].memory.unit"},
      {"a misspelt key", [](json& j) { j["results"][0]["latancy_us"] = 1; }, "$.results[0]"},
      {"a failed result without an error", [](json& j) { j["results"][1].erase("error"); },
       "$.results[1]"},
      {"a passed result without latency", [](json& j) { j["results"][0].erase("latency_us"); },
       "$.results[0]"},
      {"an uppercase sha256",
       [](json& j) { j["results"][0]["outputs_sha256"] = std::string(64, 'D'); },
       "$.results[0].outputs_sha256"},
      {"an emulated board without its emulation block",
       [](json& j) { j["boards"][0].erase("emulation"); }, "$.boards[0]"},
      {"a wrong schema version", [](json& j) { j["schema_version"] = "0.2"; }, "$.schema_version"},
      {"a profile time in instructions claimed as measured",
       [](json& j) {
         j["results"][0]["profile"]["operators"][0]["time"]["provenance"] = "measured";
       },
       "$.results[0].profile.operators[0].time"},
      {"a profile without the un-hooked total",
       [](json& j) { j["results"][0]["profile"].erase("unhooked_total"); }, "$.results[0].profile"},
      {"modelled MACs without their basis",
       [](json& j) { j["results"][0]["profile"]["operators"][1]["macs"].erase("basis"); },
       "$.results[0].profile.operators[1].macs"},
      {"a share over 100 %",
       [](json& j) { j["results"][0]["profile"]["operators"][0]["share"]["value"] = 180; },
       "$.results[0].profile.operators[0].share.value"},
      {"a crc32 past 32 bits",
       [](json& j) { j["results"][0]["windows"][0]["outputs_crc32"] = 4294967296ULL; },
       "$.results[0].windows[0].outputs_crc32"},
      {"a top-1 accuracy in AUC",
       [](json& j) { j["results"][2]["accuracy"]["value"]["unit"] = "AUC"; },
       "$.results[2].accuracy.value.unit"},
      {"a top-1 accuracy without its confusion matrix",
       [](json& j) { j["results"][2]["accuracy"].erase("confusion"); }, "$.results[2].accuracy"},
      {"an accuracy claimed as modelled",
       [](json& j) { j["results"][2]["accuracy"]["value"]["provenance"] = "modelled"; },
       "$.results[2].accuracy.value.provenance"},
      {"an AUC above 1",
       [](json& j) {
         j["results"][2]["accuracy"]["metric"] = "roc_auc";
         j["results"][2]["accuracy"]["value"]["unit"] = "AUC";
         j["results"][2]["accuracy"]["value"]["value"] = 1.5;
       },
       "$.results[2].accuracy.value.value"},
      {"an accuracy without the host engine's value",
       [](json& j) { j["results"][2]["accuracy"].erase("host_value"); }, "$.results[2].accuracy"},
      {"a dataset without its metric",
       [](json& j) { j["workloads"][2]["dataset"].erase("metric"); }, "$.workloads[2].dataset"},
      {"zero omitted windows", [](json& j) { j["results"][2]["windows_omitted"] = 0; },
       "$.results[2].windows_omitted"},
      {"a passed result without energy", [](json& j) { j["results"][0].erase("energy_uj"); },
       "$.results[0]"},
      {"energy in millijoules", [](json& j) { j["results"][0]["energy_uj"]["unit"] = "mJ"; },
       "$.results[0].energy_uj"},
      {"modelled energy without its CPI",
       [](json& j) { j["results"][0]["energy_uj"].erase("cycles_per_instruction"); },
       "$.results[0].energy_uj"},
      {"energy without its source", [](json& j) { j["results"][0]["energy_uj"].erase("source"); },
       "$.results[0].energy_uj"},
      {"energy claimed as emulated",
       [](json& j) { j["results"][0]["energy_uj"]["provenance"] = "emulated"; },
       "$.results[0].energy_uj"},
      {"unavailable energy without a reason",
       [](json& j) { j["results"][2].erase("energy_unavailable_reason"); }, "$.results[2]"},
      {"a reason beside a figure",
       [](json& j) { j["results"][0]["energy_unavailable_reason"] = "no profile"; },
       "$.results[0]"},
      {"energy without active power", [](json& j) { j["results"][0].erase("active_power_mw"); },
       "$.results[0]"},
      {"idle power in watts", [](json& j) { j["results"][0]["idle_power_mw"]["unit"] = "W"; },
       "$.results[0].idle_power_mw.unit"},
      {"front-end instructions in microseconds",
       [](json& j) { j["results"][0]["frontend_instructions"]["unit"] = "us"; },
       "$.results[0].frontend_instructions.unit"},
      {"modelled latency claimed as measured",
       [](json& j) { j["results"][0]["modelled_latency_us"]["provenance"] = "measured"; },
       "$.results[0].modelled_latency_us.provenance"},
      {"a second-hand profile without its band",
       [](json& j) { j["boards"][0]["power_profile"].erase("band_pct"); },
       "$.boards[0].power_profile"},
      {"a profile tag of neither DS nor 2nd",
       [](json& j) { j["boards"][0]["power_profile"]["tag"] = "3rd"; },
       "$.boards[0].power_profile.tag"},
  };
  const auto good = to_json(test::sample_report());
  for (const auto& c : cases) {
    INFO(c.what);
    auto broken = good;
    c.edit(broken);
    const auto result = validate_json(broken, "broken.json");
    INFO(result.output);
    CHECK(result.exit_code == 1);
    CHECK_THAT(result.output, Contains(std::string(": ") + c.path + ": "));
  }
}

TEST_CASE("the validator exits 2 on a file that is not JSON", "[report][schema]") {
  if (!validator_available()) return;
  const auto file = tr::test::scratch_dir("schema") / "not.json";
  std::ofstream(file) << "{ not json";
  const auto result = validate(file);
  INFO(result.output);
  CHECK(result.exit_code == 2);
  CHECK_THAT(result.output, Contains("line 1, column 3"));
}
