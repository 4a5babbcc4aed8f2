// Parameters of the keyword-spotting MFCC front end. The defaults are MLPerf Tiny's KWS front end
// (kws01: 16 kHz, 1 s, 49x10 MFCC); workloads/keyword/tools/mfcc.py documents each step and its
// source. Every size has a compile-time maximum so MfccWorkspace is a fixed-size object.
#pragma once

#include <cstddef>
#include <cstdint>

namespace tr::engine::frontend {

inline constexpr size_t kMaxFftLength = 512;  // power of two
inline constexpr size_t kMaxSpectrumBins = kMaxFftLength / 2 + 1;
inline constexpr size_t kMaxMelBins = 64;
inline constexpr size_t kMaxCoefficients = 16;
inline constexpr size_t kMaxSamples = 32000;  // 2 s at 16 kHz

struct MfccConfig {
  uint32_t sample_rate = 16000;
  uint32_t num_samples = 16000;    // exactly this many samples per clip
  uint32_t frame_length = 480;     // 30 ms, periodic Hann window
  uint32_t frame_step = 320;       // 20 ms; frames are not padded at the end
  uint32_t fft_length = 512;       // smallest power of two >= frame_length
  uint32_t num_mel_bins = 40;      // HTK mel triangles, DC bin excluded
  uint32_t num_coefficients = 10;  // first DCT-II coefficients kept
  float lower_edge_hz = 20.0f;
  float upper_edge_hz = 4000.0f;
  float log_offset = 1e-6f;  // log(mel + log_offset)
  // int8 quantization of the features: kws_ref_model.tflite's input tensor.
  float input_scale = 0.5847029089927673f;
  int32_t input_zero_point = 83;
};

// Frames in one clip: 1 + (num_samples - frame_length) / frame_step (no end padding).
constexpr uint32_t mfcc_num_frames(const MfccConfig& c) {
  if (c.frame_step == 0 || c.num_samples < c.frame_length) return 0;
  return 1 + (c.num_samples - c.frame_length) / c.frame_step;
}

// Values in one clip's feature map: frames x coefficients (490 for the defaults).
constexpr size_t mfcc_output_size(const MfccConfig& c) {
  return static_cast<size_t>(mfcc_num_frames(c)) * c.num_coefficients;
}

}  // namespace tr::engine::frontend
