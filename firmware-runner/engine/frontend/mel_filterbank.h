// Triangular mel filterbank of TensorFlow's linear_to_mel_weight_matrix: HTK mel scale
// 1127 ln(1 + f / 700), band edges equally spaced in mel, triangles linear in mel, unnormalised,
// DC bin excluded. Stored sparsely (each spectrum bin feeds at most two bands).
#pragma once

#include <cstddef>
#include <cstdint>

#include "common/status.h"
#include "engine/frontend/mfcc_config.h"

namespace tr::engine::frontend {

class MelFilterbank {
 public:
  // Builds the weights for cfg (num_mel_bins, fft_length, sample_rate, edges), which the caller
  // has validated. Fails only if the weights would not fit (a bug guard).
  Status init(const MfccConfig& cfg, ErrorText& err);

  // magnitudes: fft_length/2 + 1 values; mel: num_mel_bins values.
  void apply(const float* magnitudes, float* mel) const;

  size_t num_bands() const { return num_bands_; }
  size_t num_weights() const { return num_weights_; }

 private:
  static constexpr size_t kMaxWeights = 2 * kMaxSpectrumBins;

  size_t num_bands_ = 0;
  uint16_t first_bin_[kMaxMelBins] = {};  // first bin with a non-zero weight
  uint16_t bin_count_[kMaxMelBins] = {};  // bins with non-zero weights, consecutive
  uint16_t offset_[kMaxMelBins] = {};     // index of the band's first weight in weights_
  size_t num_weights_ = 0;
  float weights_[kMaxWeights] = {};
};

}  // namespace tr::engine::frontend
