// tr-model and tr-input: CRC and size checks, engine errors, the model description lines.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "common/crc32.h"
#include "runner_rig.h"

using tr::Status;
using tr::fw::test::hex8;
using tr::fw::test::lines;
using tr::fw::test::RunnerRig;
namespace engine = tr::engine;

namespace {
const std::vector<uint8_t> kModel = {0x1c, 0, 0, 0, 'T', 'F', 'L', '3', 9, 9};
}

TEST_CASE("tr-model loads the model slot and describes its tensors", "[protocol][tr-model]") {
  RunnerRig rig;
  rig.engine.set_input(engine::TensorType::int8, {1, 49, 10, 1}, 0.584703f, 83);
  rig.engine.set_output(engine::TensorType::int8, {1, 12}, 0.00390625f, -128);
  CHECK(rig.load_model(kModel, "kws01") ==
        lines({"m-tr-model-[ok]", "m-tr-model_input-[int8,1x49x10x1,490,0.584703,83]",
               "m-tr-model_output-[int8,1x12,12,0.003906,-128]", "m-ready"}));
  CHECK(rig.engine.load_calls == 1);
  CHECK(rig.engine.loaded_model == kModel);
}

TEST_CASE("tr-model accepts a 0x prefix and upper-case CRC digits", "[protocol][tr-model]") {
  RunnerRig rig;
  std::copy(kModel.begin(), kModel.end(), rig.model_slot());
  std::string crc = hex8(tr::crc32(kModel.data(), kModel.size()));
  for (char& c : crc) c = static_cast<char>(std::toupper(c));
  CHECK(rig.send("tr-model 10 0x" + crc + "%").rfind("m-tr-model-[ok]\r\n", 0) == 0);
}

TEST_CASE("tr-model describes other tensor types", "[protocol][tr-model]") {
  RunnerRig rig;
  rig.engine.set_input(engine::TensorType::uint8, {1, 96, 96, 3}, 1.0f / 255.0f, 0);
  rig.engine.set_output(engine::TensorType::float32, {2}, 0.0f, 0);
  CHECK(rig.load_model(kModel) ==
        lines({"m-tr-model-[ok]", "m-tr-model_input-[uint8,1x96x96x3,27648,0.003922,0]",
               "m-tr-model_output-[float32,2,8,0.000000,0]", "m-ready"}));
  CHECK(rig.send("profile%").find("m-model-[none]") != std::string::npos);
}

TEST_CASE("tr-model CRC mismatch", "[protocol][tr-model]") {
  RunnerRig rig;
  std::copy(kModel.begin(), kModel.end(), rig.model_slot());
  uint32_t crc = tr::crc32(kModel.data(), kModel.size());
  CHECK(rig.send("tr-model 10 " + hex8(crc ^ 1) + "%") ==
        lines({"e-[Model slot CRC 0x" + hex8(crc) + " does not match 0x" + hex8(crc ^ 1) + "]",
               "m-ready"}));
  // The CRC covers exactly len bytes.
  CHECK(rig.send("tr-model 9 " + hex8(crc) + "%").rfind("e-[Model slot CRC", 0) == 0);
  CHECK(rig.engine.load_calls == 0);
}

TEST_CASE("tr-model size and argument errors", "[protocol][tr-model]") {
  RunnerRig rig;  // model slot: 4096 bytes
  CHECK(rig.send("tr-model 4097 00000000%") ==
        lines({"e-[Model of 4097 bytes exceeds the model slot of 4096 bytes]", "m-ready"}));
  CHECK(rig.send("tr-model 0 00000000%") == lines({"e-[Model length must be >0]", "m-ready"}));
  CHECK(rig.send("tr-model%") ==
        lines({"e-[Command 'tr-model' requires the length and the CRC-32]", "m-ready"}));
  CHECK(rig.send("tr-model 10%") ==
        lines({"e-[Command 'tr-model' requires the length and the CRC-32]", "m-ready"}));
  CHECK(rig.send("tr-model ten 00000000%") ==
        lines({"e-[Command 'tr-model' needs a decimal length, got 'ten']", "m-ready"}));
  CHECK(rig.send("tr-model 10 xyz%") ==
        lines({"e-[Command 'tr-model' needs the CRC-32 as up to 8 hex digits, got 'xyz']",
               "m-ready"}));
  CHECK(rig.send("tr-model 10 123456789%") ==
        lines({"e-[Command 'tr-model' needs the CRC-32 as up to 8 hex digits, got '123456789']",
               "m-ready"}));
  CHECK(rig.send("tr-model 10 0 id x%") ==
        lines({"e-[Command 'tr-model' takes at most 3 arguments]", "m-ready"}));
  CHECK(rig.send("tr-model 10 0 bad.id%") ==
        lines({"e-[Model id 'bad.id' must be 1-15 characters from A-Z a-z 0-9 _ -]", "m-ready"}));
  CHECK(rig.send("tr-model 10 0 a234567890123456%") ==
        lines({"e-[Model id 'a234567890123456' must be 1-15 characters from A-Z a-z 0-9 _ -]",
               "m-ready"}));
  CHECK(rig.engine.load_calls == 0);
}

TEST_CASE("an engine load error is reported and leaves no model", "[protocol][tr-model]") {
  RunnerRig rig;
  REQUIRE(rig.load_model(kModel, "ic01").rfind("m-tr-model-[ok]", 0) == 0);
  rig.engine.load_status = Status::unsupported;
  rig.engine.load_error = "Operator 7: REDUCE_PROD is not supported";
  CHECK(rig.load_model(kModel, "ic02") ==
        lines({"e-[Operator 7: REDUCE_PROD is not supported]", "m-ready"}));
  CHECK(rig.send("profile%").find("m-model-[none]") != std::string::npos);
  rig.send("db load 8%");
  rig.send("db 0001020304050607%");
  CHECK(rig.send("infer 1 0%") == lines({"e-[No model loaded: send tr-model first]", "m-ready"}));
  rig.engine.load_error = "";
  CHECK(rig.load_model(kModel) == lines({"e-[Model load failed: unsupported]", "m-ready"}));
}

TEST_CASE("a rejected tr-model also unloads the previous model", "[protocol][tr-model]") {
  RunnerRig rig;
  REQUIRE(rig.load_model(kModel, "ic01").rfind("m-tr-model-[ok]", 0) == 0);
  rig.send("tr-model 10 00000000%");  // CRC mismatch: the host rewrote the slot
  CHECK(rig.send("profile%").find("m-model-[none]") != std::string::npos);
  CHECK(rig.send("tr-mem%").find("m-tr-arena_capacity-[0]") != std::string::npos);
  rig.send("db load 8%");
  rig.send("db 0001020304050607%");
  CHECK(rig.send("infer 1 0%") == lines({"e-[No model loaded: send tr-model first]", "m-ready"}));
}

TEST_CASE("tr-input takes a probe-written input into use", "[protocol][tr-input]") {
  RunnerRig rig;
  std::vector<uint8_t> input = {0xde, 0xad, 0xbe, 0xef, 0, 1, 2, 3, 4};
  CHECK(rig.load_input(input) == lines({"m-tr-input-[ok]", "m-ready"}));
  CHECK(rig.send("db print%") ==
        lines({"m-buffer-de-ad-be-ef-00-01-02-03", "m-buffer-04", "m-ready"}));
}

TEST_CASE("tr-input errors leave no input loaded", "[protocol][tr-input]") {
  RunnerRig rig;  // input slot: 64 bytes
  rig.load_input({1, 2, 3});
  CHECK(rig.send("tr-input 65 00000000%") ==
        lines({"e-[Input of 65 bytes exceeds the input slot of 64 bytes]", "m-ready"}));
  CHECK(rig.send("db print%") == lines({"m-ready"}));
  CHECK(rig.send("tr-input 0 0%") == lines({"e-[Input length must be >0]", "m-ready"}));
  uint32_t crc = tr::crc32(rig.input_slot(), 3);
  CHECK(rig.send("tr-input 3 " + hex8(crc + 1) + "%") ==
        lines({"e-[Input slot CRC 0x" + hex8(crc) + " does not match 0x" + hex8(crc + 1) + "]",
               "m-ready"}));
  CHECK(rig.send("tr-input 3%") ==
        lines({"e-[Command 'tr-input' requires the length and the CRC-32]", "m-ready"}));
  CHECK(rig.send("tr-input 3 0 0%") ==
        lines({"e-[Unknown input front end '0': tr-input knows 'mfcc']", "m-ready"}));
  CHECK(rig.send("tr-input 3 0 mfcc 0%") ==
        lines({"e-[Command 'tr-input' takes at most 3 arguments]", "m-ready"}));
  CHECK(rig.send("tr-input 3 " + hex8(crc) + "%") == lines({"m-tr-input-[ok]", "m-ready"}));
}

TEST_CASE("tr-input ends an active db load", "[protocol][tr-input]") {
  RunnerRig rig;
  rig.send("db load 8%");
  rig.load_input({7, 7});
  CHECK(rig.send("db 01%") ==
        lines({"e-[Command 'db' needs an active 'db load N' first]", "m-ready"}));
  CHECK(rig.send("db print%") == lines({"m-buffer-07-07", "m-ready"}));
}
