// Raw-audio datasets (input.frontend mfcc, from_file int16le-audio): the host front end makes
// each tensor from the file's audio, the audio is kept for the board, and files or models that
// do not fit the front end are refused naming the file and line or the workload's field.
#include "dataset/audio_frontend.h"

#include <catch2/catch.hpp>
#include <cmath>

#include "config/config_error.h"
#include "dataset/dataset.h"
#include "dataset_files.h"
#include "engine/frontend/mfcc.h"
#include "support/test_paths.h"

using namespace tr;
using namespace tr::dataset;
using namespace tr::dataset::test;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;

namespace {

constexpr float kScale = 0.5847029089927673f;

// Built by hand rather than with dataset_workload(): GCC 12 reports a false -Wrestrict for its
// inlined string assignment in this file.
config::WorkloadSpec audio_workload() {
  config::WorkloadSpec w;
  w.name = std::string("audio");
  w.file = std::filesystem::path("t") / "workload.json";
  w.dataset = config::DatasetSpec{};
  w.classes = std::vector<std::string>{std::string("no"), std::string("yes")};
  w.from_file = config::FromFile::int16le_audio;
  w.frontend = config::InputFrontend::mfcc;
  return w;
}

DatasetRequest audio_request(const std::filesystem::path& dir, uint32_t elements = 490,
                             Quantization q = {kScale, 83}) {
  DatasetRequest r;
  r.dir = dir;
  r.input = q;
  r.input_elements = elements;
  return r;
}

// A decaying tone at `hz` as int16 little-endian bytes.
std::vector<uint8_t> tone(double hz, size_t samples = 16000) {
  std::vector<uint8_t> out;
  for (size_t i = 0; i < samples; ++i) {
    const double t = static_cast<double>(i) / 16000.0;
    const auto v = static_cast<int16_t>(
        std::lround(12000.0 * std::exp(-2.0 * t) * std::sin(6.283185307179586 * hz * t)));
    const auto u = static_cast<uint16_t>(v);
    out.push_back(static_cast<uint8_t>(u & 0xff));
    out.push_back(static_cast<uint8_t>(u >> 8));
  }
  return out;
}

// The engine's front end called directly on the samples (not through AudioFrontend).
std::vector<uint8_t> engine_features(const std::vector<uint8_t>& bytes) {
  std::vector<int16_t> samples(bytes.size() / 2);
  for (size_t i = 0; i < samples.size(); ++i) {
    samples[i] = static_cast<int16_t>(static_cast<uint16_t>(bytes[2 * i] | bytes[2 * i + 1] << 8));
  }
  auto ws = std::make_unique<engine::frontend::MfccWorkspace>();
  ErrorText err;
  REQUIRE(ws->init({}, err) == Status::ok);
  std::vector<int8_t> q(490);
  REQUIRE(engine::frontend::mfcc_int8(samples.data(), samples.size(), *ws, q.data(), q.size(),
                                      err) == Status::ok);
  return std::vector<uint8_t>(q.begin(), q.end());
}

std::string error_of(const config::WorkloadSpec& w, const DatasetRequest& r) {
  try {
    load_dataset(w, r);
  } catch (const config::ConfigError& e) {
    return e.what();
  }
  FAIL("expected a ConfigError");
  return {};
}

}  // namespace

TEST_CASE("AudioFrontend is kws01's front end", "[dataset][frontend]") {
  AudioFrontend f;
  CHECK(f.audio_bytes() == 32000);
  CHECK(f.feature_count() == 490);
  CHECK(f.quantization().scale == kScale);
  CHECK(f.quantization().zero_point == 83);
  const auto audio = tone(440.0);
  CHECK(f.features(audio) == engine_features(audio));
  CHECK(f.features(audio) != f.features(tone(1500.0)));
  CHECK_THROWS_WITH(f.features(tone(440.0, 15999)),
                    Contains("needs 32000 bytes of int16 audio, got 31998"));
}

TEST_CASE("a raw-audio dataset keeps the audio and runs the host front end",
          "[dataset][frontend]") {
  const auto dir = tr::test::scratch_dir("dataset-audio");
  write_text(dir / "y_labels.csv", "low.bin,2,0\nhigh.bin,2,1\n");
  write_file(dir / "low.bin", tone(300.0));
  write_file(dir / "high.bin", tone(2500.0));
  const auto d = load_dataset(audio_workload(), audio_request(dir));
  REQUIRE(d.tensors.size() == 2);
  REQUIRE(d.frontend_inputs.size() == 2);
  CHECK(d.frontend_inputs[1] == tone(2500.0));
  CHECK(d.tensors[0] == engine_features(tone(300.0)));
  CHECK(d.tensors[1] == engine_features(tone(2500.0)));
  CHECK(d.files[1].label == 1);

  // A tensor dataset keeps no front end inputs.
  write_text(dir / "t" / "y_labels.csv", "a.bin,2,0\n");
  write_file(dir / "t" / "a.bin", std::vector<uint8_t>(490, 7));
  auto int8 = audio_workload();
  int8.from_file = config::FromFile::int8;
  int8.frontend = config::InputFrontend::none;
  CHECK(load_dataset(int8, audio_request(dir / "t")).frontend_inputs.empty());
}

TEST_CASE("raw-audio dataset errors name the file and line or the workload field",
          "[dataset][frontend]") {
  const auto dir = tr::test::scratch_dir("dataset-audio-errors");
  const auto labels = (dir / "y_labels.csv").string();
  write_file(dir / "ok.bin", tone(300.0));
  write_file(dir / "short.bin", tone(300.0, 8000));
  write_text(labels, "ok.bin,2,0\nshort.bin,2,1\n");
  const auto short_file = error_of(audio_workload(), audio_request(dir));
  CHECK_THAT(short_file, StartsWith(labels));
  CHECK_THAT(short_file, Contains(": line 2: short.bin: has 16000 bytes; the mfcc front end needs "
                                  "32000 (16000 int16 samples, from_file int16le-audio)"));
  write_text(labels, "ok.bin,2,0,16000,16000\n");
  CHECK_THAT(error_of(audio_workload(), audio_request(dir)),
             Contains("line 1: ok.bin: bytes_to_send 16000 is not the mfcc front end's 32000 "
                      "bytes"));
  write_text(labels, "ok.bin,2,0\n");
  CHECK_THAT(error_of(audio_workload(), audio_request(dir, 12)),
             StartsWith("t/workload.json: /input/shape: the mfcc front end makes 490 values (49 "
                        "frames x 10 coefficients); the model's input tensor has 12"));
  CHECK_THAT(error_of(audio_workload(), audio_request(dir, 490, {0.5f, 83})),
             StartsWith("t/workload.json: /input/scale: the mfcc front end quantizes with scale "
                        "0.584703, zero point 83; the model's input tensor has scale 0.500000"));
  CHECK_THAT(error_of(audio_workload(), audio_request(dir, 490, {kScale, 0})),
             Contains("/input/scale: the mfcc front end quantizes with scale 0.584703, zero point "
                      "83; the model's input tensor has scale 0.584703, zero point 0"));
}

TEST_CASE("int16le-audio is a front end's input, not a tensor", "[dataset][frontend]") {
  CHECK(element_bytes(config::FromFile::int16le_audio) == 2);
  const std::vector<uint8_t> bytes = {0x01, 0x00, 0xff, 0xff};
  CHECK_THROWS_WITH(to_input_tensor(bytes, config::FromFile::int16le_audio, {1.0f, 0}),
                    Contains("mfcc front end only"));
  CHECK(to_real_values(bytes, config::FromFile::int16le_audio, {1.0f, 0}) ==
        std::vector<float>{1.0f, -1.0f});
}
