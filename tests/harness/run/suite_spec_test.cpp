#include "run/suite_spec.h"

#include <catch2/catch.hpp>
#include <fstream>

#include "config/config_error.h"
#include "support/test_paths.h"

using namespace tr;
using Catch::Matchers::Contains;

namespace {

std::filesystem::path write(const std::filesystem::path& file, const std::string& text) {
  std::filesystem::create_directories(file.parent_path());
  std::ofstream(file) << text;
  return file;
}

std::string error_of(const std::filesystem::path& file) {
  try {
    harness::load_suite(file);
  } catch (const config::ConfigError& e) {
    return e.what();
  }
  FAIL("expected a ConfigError");
  return {};
}

}  // namespace

TEST_CASE("a suite lists workloads relative to its file, with subsets", "[suite]") {
  const auto dir = test::scratch_dir("suite");
  write(dir / "a" / "workload.json", "{}");
  write(dir / "b" / "workload.json", "{}");
  const auto file = write(dir / "demo.json", R"({"name": "demo", "description": "d",
    "workloads": [{"workload": "a/workload.json", "subset": {"per_class": 8}},
                  {"workload": "b/workload.json"}]})");
  const auto s = harness::load_suite(file);
  CHECK(s.name == "demo");
  REQUIRE(s.workloads.size() == 2);
  CHECK(s.workloads[0].workload == std::filesystem::absolute(dir) / "a" / "workload.json");
  CHECK(s.workloads[0].per_class == 8u);
  CHECK(s.workloads[0].pointer == "/workloads/0");
  CHECK_FALSE(s.workloads[1].per_class);
}

TEST_CASE("suite errors name the file and the JSON pointer", "[suite]") {
  const auto dir = test::scratch_dir("suite-errors");
  write(dir / "a" / "workload.json", "{}");
  const auto file = dir / "s.json";
  struct Case {
    std::string text;
    std::string problem;
  };
  const std::vector<Case> cases = {
      {R"({"name": "s", "workloads": []})", "/workloads: a suite needs at least one workload"},
      {R"({"name": "s", "workloads": [{"workload": "x/workload.json"}]})",
       "/workloads/0/workload: workload file"},
      {R"({"name": "s", "workloads": [{"workload": "a/workload.json", "subset": {"per_class": 0}}]})",
       "/workloads/0/subset/per_class: value 0 is out of range"},
      {R"({"name": "s", "workloads": [{"workload": "a/workload.json", "subset": {"first": 3}}]})",
       "/workloads/0/subset/first: unknown key 'first'"},
      {R"({"name": "s", "workloads": [{"workload": "a/workload.json"},
                                      {"workload": "a/../a/workload.json"}]})",
       "/workloads/1/workload: workload listed twice (also /workloads/0)"},
      {R"({"name": "S S", "workloads": [{"workload": "a/workload.json"}]})", "/name: 'S S'"},
      {R"({"name": "s", "workload": []})", "unknown key 'workload'"},
  };
  for (const auto& c : cases) {
    INFO(c.text);
    write(file, c.text);
    const auto message = error_of(file);
    CHECK_THAT(message, Contains(file.string() + ": "));
    CHECK_THAT(message, Contains(c.problem));
  }
}

TEST_CASE("the committed suites load", "[suite]") {
  for (const char* name : {"standard.json", "demo.json"}) {
    const auto file = test::source_dir() / "workloads" / name;
    INFO(file);
    if (!std::filesystem::exists(test::source_dir() / "workloads" / "keyword" / "workload.json")) {
      WARN("skipped: the standard workloads are not in the tree yet");
      return;
    }
    const auto s = harness::load_suite(file);
    CHECK(s.workloads.size() == 3);
  }
}
