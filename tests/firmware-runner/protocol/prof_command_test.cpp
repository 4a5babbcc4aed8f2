// `tr-prof`: per-operator ticks with the hook cost kept out of each operator's figure, the sum,
// the hooked and the un-hooked totals, and every error.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "runner_rig.h"

using tr::fw::test::lines;
using tr::fw::test::RunnerRig;

namespace {

const std::vector<uint8_t> kModel = {0x1c, 0, 0, 0, 'T', 'F', 'L', '3'};
const std::vector<uint8_t> kInput = {1, 2, 3, 4, 250, 251, 252, 253};

// Model and input loaded; three fake operators of 500, 7000 and 30 ticks, 100 ticks of
// interpreter glue per invoke, and a timer read that costs 4 ticks.
void prepare(RunnerRig& rig) {
  rig.engine.op_ticks = {500, 7000, 30};
  rig.engine.stats.operator_count = 3;
  REQUIRE(rig.load_model(kModel).rfind("m-tr-model-[ok]\r\n", 0) == 0);
  REQUIRE(rig.load_input(kInput) == lines({"m-tr-input-[ok]", "m-ready"}));
  rig.engine.ticks_per_invoke = 100;
  rig.clock.read_cost = 4;
}

}  // namespace

TEST_CASE("tr-prof times every operator, then a whole inference without hooks",
          "[protocol][prof]") {
  RunnerRig rig;
  prepare(rig);
  rig.engine.clobber_input = true;  // both inferences must start from the loaded input
  // Each operator's figure holds the operator and the tail of one timer read (4 ticks); the
  // hooked inference pays two reads per operator more than the plain one.
  CHECK(rig.send("tr-prof%") ==
        lines({"m-tr-prof_ops-[3]", "m-tr-prof_op-[0,504]", "m-tr-prof_op-[1,7004]",
               "m-tr-prof_op-[2,34]", "m-tr-prof_sum-[7542]",
               "m-tr-prof_hooked-[" + std::to_string(4 + 100 + 7530 + 3 * 8) + "]",
               "m-tr-prof_plain-[" + std::to_string(4 + 100 + 7530) + "]", "m-ready"}));
  CHECK(rig.engine.invokes == 2);
  CHECK(rig.engine.first_input == kInput);
  CHECK(rig.engine.stale_inputs == 0);
  // The hooks pointed into tr-prof's stack frame: they must be gone afterwards.
  CHECK(rig.engine.hooks.before == nullptr);
  CHECK(rig.engine.hooks.after == nullptr);
  // The output of the run is there for tr-out; laps belong to infer and stay absent.
  CHECK(rig.send("tr-out%") == lines({"m-tr-out-[00000000]", "m-ready"}));
  CHECK(rig.send("tr-laps%") == lines({"e-[No laps: run infer first]", "m-ready"}));
}

TEST_CASE("tr-prof with a model of no operators prints only the totals", "[protocol][prof]") {
  RunnerRig rig;
  prepare(rig);
  rig.engine.op_ticks.clear();
  rig.engine.stats.operator_count = 0;
  rig.clock.read_cost = 0;
  CHECK(rig.send("tr-prof%") ==
        lines({"m-tr-prof_ops-[0]", "m-tr-prof_sum-[0]", "m-tr-prof_hooked-[100]",
               "m-tr-prof_plain-[100]", "m-ready"}));
}

TEST_CASE("tr-prof refuses what it cannot run", "[protocol][prof]") {
  RunnerRig rig;
  CHECK(rig.send("tr-prof%") == lines({"e-[No model loaded: send tr-model first]", "m-ready"}));
  prepare(rig);
  CHECK(rig.send("tr-prof 1%") == lines({"e-[Command 'tr-prof' takes no arguments]", "m-ready"}));
  REQUIRE(rig.send("db load 8%") == lines({"m-[Expecting 8 bytes]", "m-ready"}));
  CHECK(rig.send("tr-prof%") ==
        lines({"e-[Input load incomplete: 0 of 8 bytes received]", "m-ready"}));
  REQUIRE(rig.load_input({1, 2, 3}) == lines({"m-tr-input-[ok]", "m-ready"}));
  CHECK(rig.send("tr-prof%") ==
        lines({"e-[Input has 3 bytes loaded but the model input needs 8 bytes]", "m-ready"}));
  REQUIRE(rig.load_input(kInput) == lines({"m-tr-input-[ok]", "m-ready"}));
  rig.engine.stats.operator_count = 129;
  CHECK(rig.send("tr-prof%") ==
        lines({"e-[Model has 129 operators; tr-prof times at most 128]", "m-ready"}));
  CHECK(rig.engine.invokes == 0);
}

TEST_CASE("a failing invoke in tr-prof prints the engine's error and no figures",
          "[protocol][prof]") {
  RunnerRig rig;
  prepare(rig);
  rig.engine.fail_invoke_at = 0;  // the hooked run
  CHECK(rig.send("tr-prof%") == lines({"e-[Operator 3 (CONV_2D) failed: bad scratch]", "m-ready"}));
  CHECK(rig.engine.hooks.before == nullptr);
  CHECK(rig.send("tr-out%") == lines({"e-[No output: run infer first]", "m-ready"}));
  rig.engine.fail_invoke_at = 3;  // the plain run of the next tr-prof (invokes 2 and 3)
  rig.engine.invokes = 2;
  CHECK(rig.send("tr-prof%") == lines({"e-[Operator 3 (CONV_2D) failed: bad scratch]", "m-ready"}));
}
