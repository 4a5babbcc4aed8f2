// tr-id, tr-slots, tr-laps, tr-out and tr-mem transcripts.
#include <catch2/catch.hpp>
#include <cstdio>
#include <string>

#include "runner_rig.h"

using tr::fw::test::lines;
using tr::fw::test::RigOptions;
using tr::fw::test::RunnerRig;

namespace {
std::string addr(const uint8_t* p) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "0x%08x",
                static_cast<unsigned>(reinterpret_cast<uintptr_t>(p) & 0xffffffffu));
  return buf;
}
}  // namespace

TEST_CASE("tr-id reports identity, engine and timer rate", "[protocol][tinyrack]") {
  RunnerRig rig;
  CHECK(rig.send("tr-id%") ==
        lines({"m-tr-version-[0.1.0]", "m-tr-target-[host-test]", "m-tr-engine-[fake-engine 1.0]",
               "m-tr-build-[b1d0c0ffee]", "m-tr-timer_hz-[25000000]", "m-ready"}));
}

TEST_CASE("tr-slots reports slot addresses and capacities", "[protocol][tinyrack]") {
  RunnerRig rig;
  CHECK(rig.send("tr-slots%") ==
        lines({"m-tr-model_slot-[" + addr(rig.model_slot()) + ",4096]",
               "m-tr-input_slot-[" + addr(rig.input_slot()) + ",64]", "m-ready"}));
}

TEST_CASE("tr-mem without a model: arena figures are 0", "[protocol][tinyrack]") {
  RunnerRig rig;
  rig.engine.stats.arena_capacity = 9999;  // not reported while no model is loaded
  CHECK(rig.send("tr-mem%") ==
        lines({"m-tr-arena_capacity-[0]", "m-tr-arena_used-[0]", "m-tr-activation_bytes-[0]",
               "m-tr-persistent_bytes-[0]", "m-tr-scratch_bytes-[0]",
               "m-tr-model_slot_bytes-[4096]", "m-tr-input_slot_bytes-[64]",
               "m-tr-stack_bytes-[16384]", "m-tr-stack_peak-[2345]", "m-ready"}));
}

TEST_CASE("tr-mem with a model and no stack meter", "[protocol][tinyrack]") {
  RigOptions o;
  o.stack_meter = false;
  RunnerRig rig(o);
  rig.engine.stats.arena_capacity = 262144;
  rig.engine.stats.arena_used = 70000;
  rig.engine.stats.activation_bytes = 60000;
  rig.engine.stats.persistent_bytes = 9000;
  rig.engine.stats.scratch_bytes = 1000;
  rig.load_model({1, 2, 3, 4});
  CHECK(rig.send("tr-mem%") ==
        lines({"m-tr-arena_capacity-[262144]", "m-tr-arena_used-[70000]",
               "m-tr-activation_bytes-[60000]", "m-tr-persistent_bytes-[9000]",
               "m-tr-scratch_bytes-[1000]", "m-tr-model_slot_bytes-[4096]",
               "m-tr-input_slot_bytes-[64]", "m-ready"}));
}

TEST_CASE("tr-laps and tr-out before any inference", "[protocol][tinyrack]") {
  RunnerRig rig;
  CHECK(rig.send("tr-laps%") == lines({"e-[No laps: run infer first]", "m-ready"}));
  CHECK(rig.send("tr-out%") == lines({"e-[No output: run infer first]", "m-ready"}));
}

TEST_CASE("tr- commands take no surplus arguments", "[protocol][tinyrack]") {
  RunnerRig rig;
  CHECK(rig.send("tr-id x%") == lines({"e-[Command 'tr-id' takes no arguments]", "m-ready"}));
  CHECK(rig.send("tr-mem x%") == lines({"e-[Command 'tr-mem' takes no arguments]", "m-ready"}));
}
