#include "engine/frontend/mel_filterbank.h"

#include <cmath>

namespace tr::engine::frontend {
namespace {

float hertz_to_mel(float hz) {
  return 1127.0f * std::log(1.0f + hz / 700.0f);
}

}  // namespace

Status MelFilterbank::init(const MfccConfig& cfg, ErrorText& err) {
  num_bands_ = 0;
  num_weights_ = 0;
  const size_t bins = cfg.fft_length / 2 + 1;
  const float nyquist = 0.5f * static_cast<float>(cfg.sample_rate);
  const float mel_lo = hertz_to_mel(cfg.lower_edge_hz);
  const float mel_hi = hertz_to_mel(cfg.upper_edge_hz);
  const float mel_step = (mel_hi - mel_lo) / static_cast<float>(cfg.num_mel_bins + 1);
  for (size_t m = 0; m < cfg.num_mel_bins; ++m) {
    const float lo = mel_lo + mel_step * static_cast<float>(m);
    const float center = mel_lo + mel_step * static_cast<float>(m + 1);
    const float hi = mel_lo + mel_step * static_cast<float>(m + 2);
    first_bin_[m] = 0;
    bin_count_[m] = 0;
    offset_[m] = static_cast<uint16_t>(num_weights_);
    // Bin 0 (DC) is excluded, as in HTK.
    for (size_t k = 1; k < bins; ++k) {
      const float hz = nyquist * static_cast<float>(k) / static_cast<float>(bins - 1);
      const float mel = hertz_to_mel(hz);
      const float rising = (mel - lo) / (center - lo);
      const float falling = (hi - mel) / (hi - center);
      const float w = rising < falling ? rising : falling;
      if (w <= 0.0f) continue;
      if (num_weights_ >= kMaxWeights) {
        err.append("mfcc: mel filterbank needs more than ").append_uint(kMaxWeights);
        err.append(" weights");
        return Status::no_memory;
      }
      if (bin_count_[m] == 0) first_bin_[m] = static_cast<uint16_t>(k);
      weights_[num_weights_++] = w;
      ++bin_count_[m];
    }
  }
  num_bands_ = cfg.num_mel_bins;
  return Status::ok;
}

void MelFilterbank::apply(const float* magnitudes, float* mel) const {
  for (size_t m = 0; m < num_bands_; ++m) {
    const float* w = weights_ + offset_[m];
    const float* x = magnitudes + first_bin_[m];
    float sum = 0.0f;
    for (size_t i = 0; i < bin_count_[m]; ++i) sum += w[i] * x[i];
    mel[m] = sum;
  }
}

}  // namespace tr::engine::frontend
