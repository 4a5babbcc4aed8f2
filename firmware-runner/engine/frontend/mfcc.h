// Keyword-spotting front end on the device: 1 s of 16 kHz int16 audio -> 49x10 MFCC -> the
// int8 input of MLPerf Tiny's kws01 model. Step by step (workloads/keyword/tools/mfcc.py is the
// reference and cites the sources): divide by the clip's signed peak; 480-sample periodic-Hann
// frames every 320 samples, no end padding; 512-point FFT magnitudes; 40 HTK mel bands
// 20-4000 Hz; log(mel + 1e-6); DCT-II scaled by sqrt(2/40); first 10 coefficients; quantize
// with truncation toward zero, clamped to int8.
//
// Freestanding: no heap, no exceptions. All tables and scratch live in the caller's
// MfccWorkspace (a fixed-size object, sizeof(MfccWorkspace) bytes), filled by init().
#pragma once

#include <cstddef>
#include <cstdint>

#include "common/status.h"
#include "engine/frontend/mel_filterbank.h"
#include "engine/frontend/mfcc_config.h"
#include "engine/frontend/real_fft.h"

namespace tr::engine::frontend {

class MfccWorkspace {
 public:
  // Validates cfg and computes the window, FFT twiddles, mel weights and DCT table. Errors name
  // the offending field and its limit.
  Status init(const MfccConfig& cfg, ErrorText& err);
  bool ready() const { return ready_; }
  const MfccConfig& config() const { return cfg_; }

  // One frame: frame_length samples starting at `samples`, times `gain` -> num_coefficients
  // values in `coefficients`. Needs ready(); the clip functions below check the bounds.
  void frame_coefficients(const int16_t* samples, float gain, float* coefficients);

 private:
  MfccConfig cfg_{};
  bool ready_ = false;
  RealFft fft_;
  MelFilterbank mel_;
  float window_[kMaxFftLength] = {};
  float dct_[kMaxCoefficients * kMaxMelBins] = {};  // [coefficient][band]
  float frame_[kMaxFftLength] = {};
  float magnitudes_[kMaxSpectrumBins] = {};
  float log_mel_[kMaxMelBins] = {};
  float coefficients_[kMaxCoefficients] = {};  // mfcc_int8's per-frame scratch

  friend Status mfcc_int8(const int16_t*, size_t, MfccWorkspace&, int8_t*, size_t, ErrorText&);
};

// Float MFCC of one clip: out[frame * num_coefficients + k]. n must equal cfg.num_samples and
// out_len mfcc_output_size(cfg).
Status mfcc_float(const int16_t* audio, size_t n, MfccWorkspace& ws, float* out, size_t out_len,
                  ErrorText& err);

// mfcc_float, then quantize_mfcc: the 490 bytes of a kws01 input.
Status mfcc_int8(const int16_t* audio, size_t n, MfccWorkspace& ws, int8_t* out, size_t out_len,
                 ErrorText& err);

// trunc(x / scale + zero_point) in float32, clamped to [-128, 127] (MLPerf's make_bin_files
// truncates; it wraps out-of-range values, this clamps).
int8_t quantize_mfcc(float x, float scale, int32_t zero_point);

}  // namespace tr::engine::frontend
