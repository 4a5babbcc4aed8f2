// tr-input LEN CRC mfcc: raw audio through the engine's MFCC front end into the model's input
// tensor, its timing line, and every refusal (no front end, small slot, no or wrong model,
// wrong length, unknown front end).
#include <catch2/catch.hpp>
#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include "common/crc32.h"
#include "engine/frontend/mfcc.h"
#include "runner_rig.h"

using tr::fw::test::hex8;
using tr::fw::test::lines;
using tr::fw::test::RigOptions;
using tr::fw::test::RunnerRig;
namespace engine = tr::engine;
namespace frontend = tr::engine::frontend;

namespace {

constexpr uint32_t kAudioBytes = 32000;
constexpr size_t kFeatures = 490;
constexpr float kScale = 0.5847029089927673f;  // kws01's input quantization
constexpr double kPi = 3.14159265358979323846;
const std::vector<uint8_t> kModel = {0x1c, 0, 0, 0, 'T', 'F', 'L', '3'};

// A rising tone over a little noise, as int16 little-endian bytes.
std::vector<uint8_t> tone_bytes(size_t samples) {
  std::vector<uint8_t> bytes;
  uint32_t lcg = 12345;
  for (size_t i = 0; i < samples; ++i) {
    lcg = lcg * 1664525u + 1013904223u;
    const double t = static_cast<double>(i) / 16000.0;
    const double v = 9000.0 * std::sin(2.0 * kPi * (300.0 + 800.0 * t) * t) +
                     static_cast<double>(lcg >> 20) - 2048.0;
    const auto s = static_cast<uint16_t>(static_cast<int16_t>(std::lround(v)));
    bytes.push_back(static_cast<uint8_t>(s & 0xff));
    bytes.push_back(static_cast<uint8_t>(s >> 8));
  }
  return bytes;
}

// What the front end makes of `bytes`, computed without the runner.
std::vector<uint8_t> expected_features(const std::vector<uint8_t>& bytes) {
  auto ws = std::make_unique<frontend::MfccWorkspace>();
  tr::ErrorText err;
  REQUIRE(ws->init({}, err) == tr::Status::ok);
  std::vector<int16_t> audio(bytes.size() / 2);
  for (size_t i = 0; i < audio.size(); ++i) {
    audio[i] = static_cast<int16_t>(bytes[2 * i] | (bytes[2 * i + 1] << 8));
  }
  std::vector<int8_t> q(kFeatures);
  REQUIRE(frontend::mfcc_int8(audio.data(), audio.size(), *ws, q.data(), q.size(), err) ==
          tr::Status::ok);
  return std::vector<uint8_t>(q.begin(), q.end());
}

RigOptions audio_rig(bool with_frontend = true, uint32_t input_capacity = 32768) {
  RigOptions o;
  o.input_capacity = input_capacity;
  o.mfcc_frontend = with_frontend;
  return o;
}

// Writes `bytes` into the input slot and sends tr-input with the mfcc front end.
std::string send_audio(RunnerRig& rig, const std::vector<uint8_t>& bytes) {
  std::copy(bytes.begin(), bytes.end(), rig.input_slot());
  return rig.send("tr-input " + std::to_string(bytes.size()) + " " +
                  hex8(tr::crc32(bytes.data(), bytes.size())) + " mfcc%");
}

void load_kws_model(RunnerRig& rig, std::initializer_list<int32_t> dims = {1, 49, 10, 1},
                    float scale = kScale, int32_t zero_point = 83) {
  rig.engine.set_input(engine::TensorType::int8, dims, scale, zero_point);
  rig.engine.set_output(engine::TensorType::int8, {1, 12}, 1.0f / 256.0f, -128);
  REQUIRE(rig.load_model(kModel).rfind("m-tr-model-[ok]", 0) == 0);
}

}  // namespace

TEST_CASE("tr-input mfcc fills the model input with the front end's features",
          "[protocol][tr-input][mfcc]") {
  RunnerRig rig(audio_rig());
  load_kws_model(rig);
  rig.clock.read_cost = 7;  // the reply's ticks are the span between the two timer reads
  const auto audio = tone_bytes(16000);
  const auto want = expected_features(audio);
  CHECK(send_audio(rig, audio) == lines({"m-tr-input-[ok]", "m-tr-frontend_ticks-[7]", "m-ready"}));
  CHECK(rig.engine.input_bytes() == want);
  // The features are now the loaded input: the slot starts with them and infer copies them.
  CHECK(std::vector<uint8_t>(rig.input_slot(), rig.input_slot() + kFeatures) == want);
  rig.engine.clobber_input = true;
  CHECK(rig.send("infer 3 1%").find("m-infer-done") != std::string::npos);
  CHECK(rig.engine.first_input == want);
  CHECK(rig.engine.stale_inputs == 0);
  CHECK(rig.guards_intact());
}

TEST_CASE("tr-input mfcc takes any 490-value int8 input shape", "[protocol][tr-input][mfcc]") {
  RunnerRig rig(audio_rig());
  load_kws_model(rig, {1, 49, 10});
  CHECK(send_audio(rig, tone_bytes(16000)).rfind("m-tr-input-[ok]\r\n", 0) == 0);
  load_kws_model(rig, {1, 490});
  CHECK(send_audio(rig, tone_bytes(16000)).rfind("m-tr-input-[ok]\r\n", 0) == 0);
}

TEST_CASE("tr-input mfcc refuses audio of the wrong length", "[protocol][tr-input][mfcc]") {
  RunnerRig rig(audio_rig());
  load_kws_model(rig);
  CHECK(send_audio(rig, tone_bytes(15999)) ==
        lines({"e-[MFCC front end needs 32000 bytes (16000 int16 little-endian samples), got "
               "31998]",
               "m-ready"}));
  // Nothing is loaded after a refusal.
  CHECK(rig.send("infer 1 0%") ==
        lines({"e-[Input has 0 bytes loaded but the model input needs 490 bytes]", "m-ready"}));
  CHECK(rig.send("tr-input 40000 0 mfcc%") ==
        lines({"e-[Input of 40000 bytes exceeds the input slot of 32768 bytes]", "m-ready"}));
  CHECK(rig.send("tr-input 32000 0 mfcc%").rfind("e-[Input slot CRC ", 0) == 0);
}

TEST_CASE("tr-input mfcc checks the model input", "[protocol][tr-input][mfcc]") {
  RunnerRig rig(audio_rig());
  const auto audio = tone_bytes(16000);
  CHECK(send_audio(rig, audio) == lines({"e-[No model loaded: send tr-model first]", "m-ready"}));
  load_kws_model(rig, {1, 49, 9, 1});
  CHECK(send_audio(rig, audio) ==
        lines({"e-[MFCC front end makes 490 int8 values (49x10); the model input is "
               "int8,1x49x9x1,441,0.584703,83]",
               "m-ready"}));
  rig.engine.set_input(engine::TensorType::uint8, {1, 49, 10, 1}, kScale, 83);
  REQUIRE(rig.load_model(kModel).rfind("m-tr-model-[ok]", 0) == 0);
  CHECK(send_audio(rig, audio)
            .rfind("e-[MFCC front end makes 490 int8 values (49x10); the "
                   "model input is uint8,1x49x10x1,490,",
                   0) == 0);
  load_kws_model(rig, {1, 49, 10, 1}, 0.5f, 83);
  CHECK(send_audio(rig, audio) ==
        lines({"e-[MFCC front end quantizes with scale 0.584703, zero point 83; the model input "
               "has scale 0.500000, zero point 83]",
               "m-ready"}));
  load_kws_model(rig, {1, 49, 10, 1}, kScale, 82);
  CHECK(send_audio(rig, audio)
            .rfind("e-[MFCC front end quantizes with scale 0.584703, zero "
                   "point 83; the model input has scale 0.584703, zero point "
                   "82]",
                   0) == 0);
}

TEST_CASE("tr-input mfcc needs the front end and a large enough slot",
          "[protocol][tr-input][mfcc]") {
  SECTION("a runner without the front end") {
    RunnerRig rig(audio_rig(false));
    load_kws_model(rig);
    CHECK(send_audio(rig, tone_bytes(16000)) ==
          lines({"e-[This runner has no MFCC front end: send the model's input tensor instead]",
                 "m-ready"}));
    CHECK(rig.send("tr-mem%").find("frontend_bytes") == std::string::npos);
  }
  SECTION("an input slot smaller than one clip") {
    RunnerRig rig(audio_rig(true, 16384));
    load_kws_model(rig);
    CHECK(rig.send("tr-input 16000 0 mfcc%") ==
          lines({"e-[MFCC front end needs an input slot of 32000 bytes for 16000 int16 samples; "
                 "this one has 16384 bytes]",
                 "m-ready"}));
  }
  SECTION("tr-mem reports the workspace") {
    RunnerRig rig(audio_rig());
    CHECK(rig.send("tr-mem%").find("m-tr-frontend_bytes-[" +
                                   std::to_string(sizeof(frontend::MfccWorkspace)) + "]\r\n") !=
          std::string::npos);
  }
}

TEST_CASE("tr-input front end argument errors", "[protocol][tr-input][mfcc]") {
  RunnerRig rig(audio_rig());
  load_kws_model(rig);
  CHECK(rig.send("tr-input 32000 0 fft%") ==
        lines({"e-[Unknown input front end 'fft': tr-input knows 'mfcc']", "m-ready"}));
  CHECK(rig.send("tr-input 32000 0 mfcc extra%") ==
        lines({"e-[Command 'tr-input' takes at most 3 arguments]", "m-ready"}));
  CHECK(rig.send("tr-input mfcc%") ==
        lines({"e-[Command 'tr-input' requires the length and the CRC-32]", "m-ready"}));
  // Without the front end argument tr-input is unchanged: the bytes are the tensor.
  const std::vector<uint8_t> tensor(kFeatures, 0x11);
  CHECK(rig.load_input(tensor) == lines({"m-tr-input-[ok]", "m-ready"}));
  CHECK(rig.send("infer 1 0%").find("m-infer-done") != std::string::npos);
  CHECK(rig.engine.first_input == tensor);
}
