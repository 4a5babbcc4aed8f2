// The C++ front end against mfcc.py (vectors/mfcc_vectors.json, written by
// workloads/keyword/tools/mfcc_vectors.py): every int8 coefficient within one quantization step.
#include "engine/frontend/mfcc.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include "clip_recipe.h"
#include "common/crc32.h"

namespace tr::engine::frontend {
namespace {

constexpr size_t kFeatures = 490;

std::unique_ptr<MfccWorkspace> ready_workspace(const MfccConfig& cfg = {}) {
  auto ws = std::make_unique<MfccWorkspace>();
  ErrorText err;
  REQUIRE(ws->init(cfg, err) == Status::ok);
  return ws;
}

uint32_t crc_of(const std::vector<int16_t>& audio) {
  std::vector<uint8_t> bytes;
  for (int16_t s : audio) {
    const auto u = static_cast<uint16_t>(s);
    bytes.push_back(static_cast<uint8_t>(u & 0xff));
    bytes.push_back(static_cast<uint8_t>(u >> 8));
  }
  return crc32(bytes.data(), bytes.size());
}

}  // namespace

TEST_CASE("default config is MLPerf's 49x10 feature map", "[mfcc]") {
  constexpr MfccConfig cfg;
  STATIC_REQUIRE(mfcc_num_frames(cfg) == 49);
  STATIC_REQUIRE(mfcc_output_size(cfg) == kFeatures);
  // The workspace is the front end's whole RAM footprint on the device.
  STATIC_REQUIRE(sizeof(MfccWorkspace) <= 16 * 1024);
  const auto& doc = tr::test::mfcc_vectors();
  CHECK(doc.at("frames") == 49);
  CHECK(doc.at("coefficients") == 10);
  CHECK(doc.at("input_zero_point") == cfg.input_zero_point);
  CHECK(doc.at("input_scale").get<float>() == cfg.input_scale);
}

TEST_CASE("C++ MFCC matches mfcc.py within one quantization step", "[mfcc]") {
  auto ws = ready_workspace();
  const auto& clips = tr::test::mfcc_vectors().at("clips");
  REQUIRE(clips.size() >= 10);
  int worst_step = 0;
  float worst_float = 0.0f;
  size_t off_by_one = 0;
  for (const auto& clip : clips) {
    const std::string name = clip.at("name");
    INFO("clip " << name);
    const auto audio = tr::test::clip_audio(clip);
    REQUIRE(crc_of(audio) == clip.at("audio_crc32").get<uint32_t>());

    std::vector<int8_t> q(kFeatures);
    std::vector<float> f(kFeatures);
    ErrorText err;
    REQUIRE(mfcc_int8(audio.data(), audio.size(), *ws, q.data(), q.size(), err) == Status::ok);
    REQUIRE(mfcc_float(audio.data(), audio.size(), *ws, f.data(), f.size(), err) == Status::ok);
    const auto expected_q = clip.at("int8").get<std::vector<int>>();
    const auto expected_f = clip.at("float").get<std::vector<float>>();
    REQUIRE(expected_q.size() == kFeatures);
    REQUIRE(expected_f.size() == kFeatures);
    for (size_t i = 0; i < kFeatures; ++i) {
      INFO("frame " << i / 10 << " coefficient " << i % 10 << ": C++ " << int{q[i]} << " (" << f[i]
                    << "), mfcc.py " << expected_q[i] << " (" << expected_f[i] << ")");
      const int step = std::abs(int{q[i]} - expected_q[i]);
      REQUIRE(step <= 1);
      // Float rounding only (the stored floats are rounded to 1e-3); a step is 0.58.
      REQUIRE(std::fabs(f[i] - expected_f[i]) < 0.05f);
      worst_step = std::max(worst_step, step);
      worst_float = std::max(worst_float, std::fabs(f[i] - expected_f[i]));
      off_by_one += step == 1 ? 1 : 0;
      REQUIRE(q[i] == quantize_mfcc(f[i], ws->config().input_scale, ws->config().input_zero_point));
    }
  }
  WARN("max |C++ - mfcc.py|: " << worst_step << " step(s) (" << off_by_one << " of "
                               << clips.size() * kFeatures << " values off by one), float "
                               << worst_float);
}

TEST_CASE("silence gives the log floor", "[mfcc]") {
  auto ws = ready_workspace();
  const std::vector<int16_t> zeros(16000, 0);
  std::vector<float> f(kFeatures);
  std::vector<int8_t> q(kFeatures);
  ErrorText err;
  REQUIRE(mfcc_float(zeros.data(), zeros.size(), *ws, f.data(), f.size(), err) == Status::ok);
  REQUIRE(mfcc_int8(zeros.data(), zeros.size(), *ws, q.data(), q.size(), err) == Status::ok);
  // c0 = sqrt(2/40) * 40 * ln(1e-6); the other coefficients of a constant vector vanish.
  const float c0 = std::sqrt(2.0f / 40.0f) * 40.0f * std::log(1e-6f);
  for (size_t frame = 0; frame < 49; ++frame) {
    CHECK(f[frame * 10] == Approx(c0).epsilon(1e-5));
    CHECK(q[frame * 10] == -128);
    for (size_t k = 1; k < 10; ++k) {
      // Exactly zero, so truncation gives the zero point, not 82 for a -1e-7.
      CHECK(f[frame * 10 + k] == 0.0f);
      CHECK(q[frame * 10 + k] == 83);
    }
  }
}

TEST_CASE("gain does not matter: peak normalisation", "[mfcc]") {
  // A clip and the same clip at a quarter of the level have the same features (up to rounding
  // of the int16 samples), since MLPerf divides by the clip's peak.
  auto ws = ready_workspace();
  const auto loud =
      tr::test::synthesize_clip(nlohmann::json::parse(R"([{"type":"tone","hz":700,"amp":32000},
                                {"type":"noise","seed":9,"amp":400}])"));
  std::vector<int16_t> quiet(loud.size());
  std::transform(loud.begin(), loud.end(), quiet.begin(),
                 [](int16_t s) { return static_cast<int16_t>(s / 4); });
  std::vector<float> a(kFeatures), b(kFeatures);
  ErrorText err;
  REQUIRE(mfcc_float(loud.data(), loud.size(), *ws, a.data(), a.size(), err) == Status::ok);
  REQUIRE(mfcc_float(quiet.data(), quiet.size(), *ws, b.data(), b.size(), err) == Status::ok);
  for (size_t i = 0; i < kFeatures; ++i) CHECK(a[i] == Approx(b[i]).margin(0.05));
}

TEST_CASE("full-scale clipped audio stays in range", "[mfcc]") {
  auto ws = ready_workspace();
  std::vector<int16_t> square(16000);
  for (size_t i = 0; i < square.size(); ++i) {
    square[i] = (i / 32) % 2 == 0 ? int16_t{32767} : int16_t{-32768};
  }
  std::vector<float> f(kFeatures);
  std::vector<int8_t> q(kFeatures);
  ErrorText err;
  REQUIRE(mfcc_float(square.data(), square.size(), *ws, f.data(), f.size(), err) == Status::ok);
  REQUIRE(mfcc_int8(square.data(), square.size(), *ws, q.data(), q.size(), err) == Status::ok);
  for (size_t i = 0; i < kFeatures; ++i) {
    REQUIRE(std::isfinite(f[i]));
    CHECK(q[i] == quantize_mfcc(f[i], 0.5847029089927673f, 83));
  }
}

TEST_CASE("quantize_mfcc truncates toward zero and clamps", "[mfcc]") {
  const float s = 0.5847029089927673f;
  CHECK(quantize_mfcc(0.0f, s, 83) == 83);
  CHECK(quantize_mfcc(0.9f * s, s, 83) == 83);    // 83.9 -> 83
  CHECK(quantize_mfcc(-83.5f * s, s, 83) == 0);   // -0.5 -> 0
  CHECK(quantize_mfcc(-84.5f * s, s, 83) == -1);  // -1.5 -> -1
  CHECK(quantize_mfcc(1000.0f, s, 83) == 127);
  CHECK(quantize_mfcc(-1000.0f, s, 83) == -128);
  CHECK(quantize_mfcc(std::nanf(""), s, 83) == -128);
}

}  // namespace tr::engine::frontend
