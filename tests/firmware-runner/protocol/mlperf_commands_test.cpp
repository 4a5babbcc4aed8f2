// Exact transcripts of the MLPerf identification commands, help and unknown commands.
#include <catch2/catch.hpp>
#include <string>

#include "runner_rig.h"

using tr::fw::test::lines;
using tr::fw::test::RigOptions;
using tr::fw::test::RunnerRig;

TEST_CASE("boot prints the performance-mode banner", "[protocol][mlperf]") {
  RigOptions o;
  o.boot = false;
  RunnerRig rig(o);
  rig.clock.now = 3ull * 25000000 + 12500;  // 3.0005 s at 25 MHz
  CHECK(rig.boot() ==
        lines({"m-timestamp-mode-performance", "m-lap-us-3000500", "m-init-done", "m-ready"}));
}

TEST_CASE("input before boot is ignored", "[protocol][mlperf]") {
  RigOptions o;
  o.boot = false;
  RunnerRig rig(o);
  CHECK(rig.send("name%").empty());
  rig.boot();
  CHECK(rig.send("name%") == lines({"m-name-dut-[tinyrack]", "m-ready"}));
}

TEST_CASE("name", "[protocol][mlperf]") {
  RunnerRig rig;
  CHECK(rig.send("name%") == lines({"m-name-dut-[tinyrack]", "m-ready"}));
}

TEST_CASE("profile reports the loaded model's id", "[protocol][mlperf]") {
  RunnerRig rig;
  CHECK(rig.send("profile%") ==
        lines({"m-profile-[ULPMark for tinyML Firmware V0.0.1]", "m-model-[none]", "m-ready"}));
  rig.load_model({1, 2, 3, 4}, "kws01");
  CHECK(rig.send("profile%") ==
        lines({"m-profile-[ULPMark for tinyML Firmware V0.0.1]", "m-model-[kws01]", "m-ready"}));
}

TEST_CASE("timestamp converts ticks to microseconds", "[protocol][mlperf]") {
  RunnerRig rig;
  rig.clock.now = 250900590ull * 25;
  CHECK(rig.send("timestamp%") == lines({"m-lap-us-250900590", "m-ready"}));
  rig.clock.rate = 32768;
  rig.clock.now = 32768 + 16384;
  CHECK(rig.send("timestamp%") == lines({"m-lap-us-1500000", "m-ready"}));
}

TEST_CASE("timestamp does not overflow on a large tick count", "[protocol][mlperf]") {
  RunnerRig rig;
  rig.clock.rate = 40000000;
  rig.clock.now = 40000000ull * 86400 * 365;  // one year at 40 MHz; ticks * 1e6 overflows
  CHECK(rig.send("timestamp%") == lines({"m-lap-us-31536000000000", "m-ready"}));
}

TEST_CASE("help lists every command", "[protocol][mlperf]") {
  RunnerRig rig;
  std::string out = rig.send("help%");
  for (const char* cmd : {"name", "profile", "timestamp", "db load N", "db HEX", "db print",
                          "infer N W", "results", "help", "tr-id", "tr-slots", "tr-model",
                          "tr-input", "tr-out", "tr-laps", "tr-mem", "tr-prof"}) {
    INFO(cmd);
    bool listed = out.find(std::string("\r\n") + cmd) != std::string::npos ||
                  out.find(std::string("| ") + cmd) != std::string::npos;
    CHECK(listed);
  }
  CHECK(out.size() > 8);
  CHECK(out.substr(out.size() - 9) == "m-ready\r\n");
  // Plain lines: none of them may look like a reply line.
  CHECK(out.find("\r\nm-") == out.size() - 9 - 2);
  CHECK(out.find("e-[") == std::string::npos);
}

TEST_CASE("unknown commands name the token", "[protocol][mlperf]") {
  RunnerRig rig;
  CHECK(rig.send("fly away%") == lines({"e-[Unknown command: fly]", "m-ready"}));
  CHECK(rig.send("NAME%") == lines({"e-[Unknown command: NAME]", "m-ready"}));
  CHECK(rig.send("tr-fly%") == lines({"e-[Unknown command: tr-fly]", "m-ready"}));
  CHECK(rig.send("tr-%") == lines({"e-[Unknown command: tr-]", "m-ready"}));
}

TEST_CASE("an empty command gets an error, not silence", "[protocol][mlperf]") {
  RunnerRig rig;
  CHECK(rig.send("%") == lines({"e-[Empty command: nothing before '%']", "m-ready"}));
  CHECK(rig.send("\r\n  %") == lines({"e-[Empty command: nothing before '%']", "m-ready"}));
}

TEST_CASE("surplus arguments are rejected", "[protocol][mlperf]") {
  RunnerRig rig;
  CHECK(rig.send("name now%") == lines({"e-[Command 'name' takes no arguments]", "m-ready"}));
  CHECK(rig.send("results 1%") == lines({"e-[Command 'results' takes no arguments]", "m-ready"}));
}
