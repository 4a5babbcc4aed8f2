#include "run/prepared_workload.h"

#include <catch2/catch.hpp>
#include <fstream>

#include "config/config_error.h"
#include "support/test_paths.h"

using namespace tr;

namespace {
config::WorkloadSpec builder_workload() {
  config::WorkloadSpec spec;
  spec.name = "t";
  spec.file = "t/workload.json";
  config::BuilderRecipe recipe;
  recipe.builder = "fc-stack";
  recipe.seed = 3;
  recipe.layers = {16, 8, 16};
  spec.model.fallback = recipe;
  config::InputSpec p0;
  p0.kind = config::InputSpec::Kind::pattern;
  config::InputSpec rnd;
  rnd.kind = config::InputSpec::Kind::random;
  rnd.seed = 9;
  spec.inputs = {p0, rnd};
  return spec;
}
}  // namespace

TEST_CASE("a builder workload prepares deterministic inputs and host outputs", "[workload]") {
  auto spec = builder_workload();
  auto a = harness::prepare_workload(spec, test::source_dir());
  auto b = harness::prepare_workload(spec, test::source_dir());
  CHECK(a.model_source == "builder");
  CHECK(a.input_bytes == 16);
  CHECK(a.output_bytes == 16);
  REQUIRE(a.inputs.size() == 2);
  CHECK(a.inputs[0].name == "P0");
  CHECK(a.inputs[1].name == "random-9");
  CHECK(a.model == b.model);
  CHECK(a.inputs[1].bytes == b.inputs[1].bytes);
  CHECK(a.inputs[1].host_output == b.inputs[1].host_output);
  CHECK(a.model_sha256.size() == 64);
}

TEST_CASE("a wrong-size input file is a config error naming the input", "[workload]") {
  auto spec = builder_workload();
  auto dir = test::scratch_dir("prepared-workload");
  auto bin = dir / "short.bin";
  std::ofstream(bin, std::ios::binary) << "abc";
  config::InputSpec file_input;
  file_input.kind = config::InputSpec::Kind::file;
  file_input.file = bin;
  spec.inputs.push_back(file_input);
  CHECK_THROWS_WITH(harness::prepare_workload(spec, test::source_dir()),
                    Catch::Contains("/inputs/2") && Catch::Contains("needs 16"));
}

TEST_CASE("a model whose sha256 differs from the workload's is refused", "[workload]") {
  auto spec = builder_workload();
  auto dir = test::scratch_dir("prepared-workload-sha");
  auto model = harness::prepare_workload(spec, test::source_dir()).model;
  auto file = dir / "m.tflite";
  std::ofstream(file, std::ios::binary)
      .write(reinterpret_cast<const char*>(model.data()),
             static_cast<std::streamsize>(model.size()));
  spec.model.fallback.reset();
  spec.model.file = file;
  spec.model.sha256 = std::string(64, '0');
  CHECK_THROWS_AS(harness::prepare_workload(spec, test::source_dir()), config::ConfigError);
}
