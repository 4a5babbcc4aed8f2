// The MLPerf Tiny KWS, VWW and IC reference models on every emulated board: the boards must
// agree with the host engine bit for bit and with TFLM's golden outputs. Each model is skipped
// when the MLPerf Tiny models are not available.
#include <catch2/catch.hpp>

#include "config/workload_spec.h"
#include "run/prepared_workload.h"
#include "run/rack_run.h"
#include "support/mlperf_goldens.h"
#include "support/rack_fixture.h"
#include "support/test_paths.h"

using namespace tr;

namespace {

config::InputPattern to_config(workloads::Pattern p) {
  switch (p) {
    case workloads::Pattern::p0:
      return config::InputPattern::p0;
    case workloads::Pattern::p1:
      return config::InputPattern::p1;
    case workloads::Pattern::p2:
      return config::InputPattern::p2;
  }
  return config::InputPattern::p0;
}

void run_on_rack(const test::ModelGolden& golden) {
  const auto dir = test::mlperf_models_dir();
  if (!dir || !std::filesystem::exists(*dir / golden.file)) {
    WARN("skipped: " << golden.file << " not found (set TINYRACK_MLPERF_MODELS)");
    return;
  }
  config::WorkloadSpec spec;
  spec.name = std::string(golden.id) + "-golden";
  spec.file = test::source_dir() / "tests/integration" / (spec.name + ".json");
  spec.model.file = *dir / golden.file;
  for (const auto& p : golden.patterns) {
    config::InputSpec in;
    in.kind = config::InputSpec::Kind::pattern;
    in.pattern = to_config(p.pattern);
    spec.inputs.push_back(in);
  }
  spec.infer.iterations = 1;
  spec.infer.warmup = 0;
  auto workload = harness::prepare_workload(spec, test::source_dir());

  harness::RackRunOptions options;
  options.out_dir = test::scratch_dir(spec.name.c_str());
  options.firmware_dir = test::firmware_dir();
  auto result = harness::run_rack(test::emulated_rack(), workload, options, {});
  REQUIRE(result.outcomes.size() == 3);
  for (const auto& o : result.outcomes) {
    INFO(golden.id << " on " << o.board << ": " << o.error);
    REQUIRE(o.passed);  // includes: every output equals the host engine's
    REQUIRE(o.windows.size() == golden.patterns.size());
    for (size_t i = 0; i < golden.patterns.size(); ++i) {
      const auto& want = golden.patterns[i].output;
      CHECK(std::vector<int8_t>(o.windows[i].output.begin(), o.windows[i].output.end()) == want);
    }
  }
}

}  // namespace

TEST_CASE("kws01 runs bit-exact on every emulated board", "[integration][mlperf]") {
  run_on_rack(test::mlperf_goldens()[0]);
}

TEST_CASE("vww01 runs bit-exact on every emulated board", "[integration][mlperf]") {
  run_on_rack(test::mlperf_goldens()[1]);
}

TEST_CASE("ic01 runs bit-exact on every emulated board", "[integration][mlperf]") {
  run_on_rack(test::mlperf_goldens()[2]);
}
