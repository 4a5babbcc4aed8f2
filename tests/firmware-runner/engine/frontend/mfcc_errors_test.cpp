// Bad input to the MFCC front end is rejected with a Status and a message naming the problem.
#include <catch2/catch.hpp>
#include <memory>
#include <string>
#include <vector>

#include "engine/frontend/mfcc.h"

namespace tr::engine::frontend {
namespace {

bool mentions(const ErrorText& err, const char* what) {
  return std::string(err.c_str()).find(what) != std::string::npos;
}

Status init_with(MfccConfig cfg, ErrorText& err) {
  auto ws = std::make_unique<MfccWorkspace>();
  return ws->init(cfg, err);
}

}  // namespace

TEST_CASE("wrong clip lengths are rejected", "[mfcc]") {
  auto ws = std::make_unique<MfccWorkspace>();
  ErrorText err;
  REQUIRE(ws->init(MfccConfig{}, err) == Status::ok);
  const std::vector<int16_t> audio(16001, 100);
  std::vector<int8_t> q(490);
  for (size_t n : {size_t{0}, size_t{1}, size_t{15999}, size_t{16001}}) {
    err.clear();
    CHECK(mfcc_int8(audio.data(), n, *ws, q.data(), q.size(), err) == Status::bad_argument);
    CHECK(mentions(err, "audio has "));
    CHECK(mentions(err, "expected 16000"));
  }
  err.clear();
  std::vector<float> f(489);
  CHECK(mfcc_float(audio.data(), 16000, *ws, f.data(), f.size(), err) == Status::bad_argument);
  CHECK(mentions(err, "room for 489 values, expected 490"));
  err.clear();
  CHECK(mfcc_int8(nullptr, 16000, *ws, q.data(), q.size(), err) == Status::bad_argument);
  CHECK(mentions(err, "null"));
  err.clear();
  CHECK(mfcc_int8(audio.data(), 16000, *ws, nullptr, 490, err) == Status::bad_argument);
  CHECK(mentions(err, "null"));
  // Accepted with the right sizes, so the rejections above are about the sizes.
  err.clear();
  CHECK(mfcc_int8(audio.data(), 16000, *ws, q.data(), q.size(), err) == Status::ok);
}

TEST_CASE("an uninitialised workspace is rejected", "[mfcc]") {
  auto ws = std::make_unique<MfccWorkspace>();
  const std::vector<int16_t> audio(16000, 0);
  std::vector<int8_t> q(490);
  ErrorText err;
  CHECK(mfcc_int8(audio.data(), audio.size(), *ws, q.data(), q.size(), err) ==
        Status::bad_argument);
  CHECK(mentions(err, "not initialised"));
  // A failed init leaves it unusable too.
  MfccConfig bad;
  bad.fft_length = 500;
  err.clear();
  CHECK(ws->init(bad, err) == Status::bad_argument);
  CHECK_FALSE(ws->ready());
}

TEST_CASE("bad configurations name the field", "[mfcc]") {
  struct Case {
    const char* what;
    void (*edit)(MfccConfig&);
  };
  const Case cases[] = {
      {"fft_length = 500 is not a power of two", [](MfccConfig& c) { c.fft_length = 500; }},
      {"fft_length = 1024 is outside", [](MfccConfig& c) { c.fft_length = 1024; }},
      {"frame_length = 600 is outside", [](MfccConfig& c) { c.frame_length = 600; }},
      {"num_samples = 100 is outside", [](MfccConfig& c) { c.num_samples = 100; }},
      {"frame_step = 0 is outside", [](MfccConfig& c) { c.frame_step = 0; }},
      {"num_mel_bins = 65 is outside", [](MfccConfig& c) { c.num_mel_bins = 65; }},
      {"num_coefficients = 41 is outside", [](MfccConfig& c) { c.num_coefficients = 41; }},
      {"upper_edge_hz", [](MfccConfig& c) { c.upper_edge_hz = 9000.0f; }},
      {"upper_edge_hz", [](MfccConfig& c) { c.lower_edge_hz = 5000.0f; }},
      {"input_scale must be positive", [](MfccConfig& c) { c.input_scale = 0.0f; }},
      {"input_zero_point = 200", [](MfccConfig& c) { c.input_zero_point = 200; }},
  };
  for (const auto& c : cases) {
    INFO(c.what);
    MfccConfig cfg;
    c.edit(cfg);
    ErrorText err;
    CHECK(init_with(cfg, err) == Status::bad_argument);
    INFO("got: " << err.c_str());
    CHECK(mentions(err, c.what));
  }
}

TEST_CASE("other valid configurations work", "[mfcc]") {
  // 13 coefficients from 20 ms frames every 10 ms: 99 frames.
  MfccConfig cfg;
  cfg.frame_length = 320;
  cfg.frame_step = 160;
  cfg.num_coefficients = 13;
  auto ws = std::make_unique<MfccWorkspace>();
  ErrorText err;
  REQUIRE(ws->init(cfg, err) == Status::ok);
  REQUIRE(mfcc_output_size(cfg) == 99 * 13);
  std::vector<int16_t> audio(16000);
  for (size_t i = 0; i < audio.size(); ++i) audio[i] = static_cast<int16_t>((i * 37) % 2001 - 1000);
  std::vector<float> f(99 * 13);
  REQUIRE(mfcc_float(audio.data(), audio.size(), *ws, f.data(), f.size(), err) == Status::ok);
  for (float v : f) CHECK(std::isfinite(v));
}

}  // namespace tr::engine::frontend
