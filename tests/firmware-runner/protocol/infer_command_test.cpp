// `infer N W` and `results`: transcripts, lap figures, dequantized results and every error.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "runner_rig.h"

using tr::Status;
using tr::fw::test::lines;
using tr::fw::test::RunnerRig;
using tr::fw::test::to_hex;
namespace engine = tr::engine;

namespace {

const std::vector<uint8_t> kModel = {0x1c, 0, 0, 0, 'T', 'F', 'L', '3'};
const std::vector<uint8_t> kInput = {1, 2, 3, 4, 250, 251, 252, 253};

// A rig with the model loaded, the input sent over db, outputs set, clock at 1 ms.
void prepare(RunnerRig& rig) {
  REQUIRE(rig.load_model(kModel, "kws01").rfind("m-tr-model-[ok]\r\n", 0) == 0);
  REQUIRE(rig.send("db load 8%") == lines({"m-[Expecting 8 bytes]", "m-ready"}));
  REQUIRE(rig.send("db " + to_hex(kInput) + "%") == lines({"m-load-done", "m-ready"}));
  rig.engine.output_bytes() = {0x80, 0x00, 0x7f, 0xc0};
  rig.engine.ticks_per_invoke = 25000;  // 1 ms at 25 MHz
  rig.clock.now = 25000;
}

}  // namespace

TEST_CASE("infer runs W warm-ups and N timed invokes", "[protocol][infer]") {
  RunnerRig rig;
  prepare(rig);
  CHECK(rig.send("infer 3 2%") ==
        lines({"m-warmup-start-2", "m-warmup-done", "m-infer-start-3", "m-lap-us-3000",
               "m-lap-us-6000", "m-infer-done", "m-results-[0.000,0.500,0.996,0.250]", "m-ready"}));
  CHECK(rig.engine.invokes == 5);
  CHECK(rig.engine.first_input == kInput);  // the db bytes reached the input tensor
  CHECK(rig.send("tr-laps%") == lines({"m-tr-laps-[75000,150000,3]", "m-ready"}));
  CHECK(rig.send("results%") == lines({"m-results-[0.000,0.500,0.996,0.250]", "m-ready"}));
  CHECK(rig.send("tr-out%") == lines({"m-tr-out-[80007fc0]", "m-ready"}));
}

TEST_CASE("infer with no warm-up", "[protocol][infer]") {
  RunnerRig rig;
  prepare(rig);
  CHECK(rig.send("infer 1 0%") ==
        lines({"m-warmup-start-0", "m-warmup-done", "m-infer-start-1", "m-lap-us-1000",
               "m-lap-us-2000", "m-infer-done", "m-results-[0.000,0.500,0.996,0.250]", "m-ready"}));
}

TEST_CASE("every inference starts from the loaded input, even when the engine reuses it",
          "[protocol][infer]") {
  RunnerRig rig;
  prepare(rig);
  rig.engine.clobber_input = true;
  REQUIRE(rig.send("infer 3 2%").find("m-infer-done") != std::string::npos);
  CHECK(rig.engine.invokes == 5);
  CHECK(rig.engine.stale_inputs == 0);
}

TEST_CASE("infer takes its input from tr-input as well", "[protocol][infer]") {
  RunnerRig rig;
  prepare(rig);
  std::vector<uint8_t> other = {9, 8, 7, 6, 5, 4, 3, 2};
  REQUIRE(rig.load_input(other) == lines({"m-tr-input-[ok]", "m-ready"}));
  rig.engine.invokes = 0;
  REQUIRE(rig.send("infer 1 0%").find("m-infer-done") != std::string::npos);
  CHECK(rig.engine.first_input == other);
}

TEST_CASE("infer argument errors", "[protocol][infer]") {
  RunnerRig rig;
  prepare(rig);
  for (const char* cmd : {"infer%", "infer 0 1%", "infer x 1%", "infer -1 1%", "infer 1.5 1%"}) {
    INFO(cmd);
    CHECK(rig.send(cmd) == lines({"e-[Inference iterations must be >0]", "m-ready"}));
  }
  for (const char* cmd : {"infer 1 -1%", "infer 1 x%", "infer 1 99999999999%"}) {
    INFO(cmd);
    CHECK(rig.send(cmd) == lines({"e-[Inference warmup must be >=0]", "m-ready"}));
  }
  CHECK(rig.send("infer 1%") ==
        lines({"e-[Command 'infer' requires the warm-up count: infer N W]", "m-ready"}));
  CHECK(rig.send("infer 1 0 0%") ==
        lines({"e-[Command 'infer' takes at most 2 arguments]", "m-ready"}));
  CHECK(rig.engine.invokes == 0);
}

TEST_CASE("infer without a model", "[protocol][infer]") {
  RunnerRig rig;
  rig.send("db load 8%");
  rig.send("db 0001020304050607%");
  CHECK(rig.send("infer 1 0%") == lines({"e-[No model loaded: send tr-model first]", "m-ready"}));
  CHECK(rig.engine.invokes == 0);
}

TEST_CASE("infer with the wrong input size", "[protocol][infer]") {
  RunnerRig rig;
  prepare(rig);
  rig.send("db load 4%");
  rig.send("db 01020304%");
  CHECK(rig.send("infer 1 0%") ==
        lines({"e-[Input has 4 bytes loaded but the model input needs 8 bytes]", "m-ready"}));
  rig.send("db load 9%");
  CHECK(rig.send("infer 1 0%") ==
        lines({"e-[Input load incomplete: 0 of 9 bytes received]", "m-ready"}));
  rig.send("db 0102%");
  CHECK(rig.send("infer 1 0%") ==
        lines({"e-[Input load incomplete: 2 of 9 bytes received]", "m-ready"}));
  CHECK(rig.engine.invokes == 0);
}

TEST_CASE("infer with no input at all", "[protocol][infer]") {
  RunnerRig rig;
  rig.load_model(kModel);
  CHECK(rig.send("infer 1 0%") ==
        lines({"e-[Input has 0 bytes loaded but the model input needs 8 bytes]", "m-ready"}));
}

TEST_CASE("an invoke error stops the run", "[protocol][infer]") {
  RunnerRig rig;
  prepare(rig);
  rig.send("infer 1 0%");
  rig.engine.fail_invoke_at = rig.engine.invokes + 1;  // second warm-up
  CHECK(rig.send("infer 2 3%") ==
        lines({"m-warmup-start-3", "e-[Operator 3 (CONV_2D) failed: bad scratch]", "m-ready"}));
  // The failed run leaves nothing to report.
  CHECK(rig.send("results%") == lines({"e-[No results: run infer first]", "m-ready"}));
  CHECK(rig.send("tr-laps%") == lines({"e-[No laps: run infer first]", "m-ready"}));
  CHECK(rig.send("tr-out%") == lines({"e-[No output: run infer first]", "m-ready"}));
}

TEST_CASE("an invoke error in the timed loop", "[protocol][infer]") {
  RunnerRig rig;
  prepare(rig);
  rig.engine.fail_invoke_at = 2;  // one warm-up, one good timed invoke, then failure
  rig.engine.invoke_error = "";
  CHECK(rig.send("infer 2 1%") == lines({"m-warmup-start-1", "m-warmup-done", "m-infer-start-2",
                                         "e-[Inference failed: unsupported]", "m-ready"}));
  CHECK(rig.engine.invokes == 3);
}

TEST_CASE("results before any inference", "[protocol][infer]") {
  RunnerRig rig;
  CHECK(rig.send("results%") == lines({"e-[No results: run infer first]", "m-ready"}));
}

TEST_CASE("float32 and unquantized outputs", "[protocol][infer]") {
  RunnerRig rig;
  rig.engine.set_output(engine::TensorType::float32, {1, 3}, 0.0f, 0);
  prepare(rig);
  std::vector<float> v = {0.25f, -1.0f, 12.3456f};
  rig.engine.output_bytes().assign(reinterpret_cast<uint8_t*>(v.data()),
                                   reinterpret_cast<uint8_t*>(v.data()) + 12);
  CHECK(rig.send("infer 1 0%").find("m-results-[0.250,-1.000,12.346]\r\n") != std::string::npos);

  rig.engine.set_output(engine::TensorType::int8, {1, 3}, 0.0f, 5);
  prepare(rig);
  rig.engine.output_bytes() = {0x80, 0x00, 0x7f};
  CHECK(rig.send("infer 1 0%").find("m-results-[-128,0,127]\r\n") != std::string::npos);
}

TEST_CASE("a 640-value output is printed whole", "[protocol][infer]") {
  RunnerRig rig;
  rig.engine.set_output(engine::TensorType::int8, {1, 640}, 0.5f, 96);
  prepare(rig);
  rig.engine.output_bytes().assign(640, 98);  // 0.5 * (98 - 96) = 1.0
  std::string out = rig.send("infer 1 0%");
  std::string expected = "m-results-[1.000";
  for (int i = 1; i < 640; ++i) expected += ",1.000";
  expected += "]\r\nm-ready\r\n";
  REQUIRE(out.size() > expected.size());
  CHECK(out.substr(out.size() - expected.size()) == expected);
  std::string hex;
  for (int i = 0; i < 640; ++i) hex += "62";
  CHECK(rig.send("tr-out%") == lines({"m-tr-out-[" + hex + "]", "m-ready"}));
}
