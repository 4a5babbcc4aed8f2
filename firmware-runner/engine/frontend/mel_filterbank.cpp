#include "engine/frontend/mel_filterbank.h"

#include "engine/frontend/portable_math.h"

namespace tr::engine::frontend {
namespace {

// HTK mel scale, in double with the portable log (the same bits on the host and every board).
double hertz_to_mel(double hz) {
  return 1127.0 * log_portable(1.0 + hz / 700.0);
}

}  // namespace

Status MelFilterbank::init(const MfccConfig& cfg, ErrorText& err) {
  num_bands_ = 0;
  num_weights_ = 0;
  // Weights computed in double and rounded to float once, as mfcc.py does; band edges as
  // numpy's linspace makes them (start + i * step, the last one exactly the upper edge).
  const size_t bins = cfg.fft_length / 2 + 1;
  const double nyquist = 0.5 * static_cast<double>(cfg.sample_rate);
  const double mel_lo = hertz_to_mel(cfg.lower_edge_hz);
  const double mel_hi = hertz_to_mel(cfg.upper_edge_hz);
  const size_t last_edge = cfg.num_mel_bins + 1;
  const double mel_step = (mel_hi - mel_lo) / static_cast<double>(last_edge);
  auto edge = [&](size_t i) {
    return i == last_edge ? mel_hi : mel_lo + static_cast<double>(i) * mel_step;
  };
  for (size_t m = 0; m < cfg.num_mel_bins; ++m) {
    const double lo = edge(m);
    const double center = edge(m + 1);
    const double hi = edge(m + 2);
    first_bin_[m] = 0;
    bin_count_[m] = 0;
    offset_[m] = static_cast<uint16_t>(num_weights_);
    // Bin 0 (DC) is excluded, as in HTK.
    for (size_t k = 1; k < bins; ++k) {
      const double hz = static_cast<double>(k) * (nyquist / static_cast<double>(bins - 1));
      const double mel = hertz_to_mel(hz);
      const double rising = (mel - lo) / (center - lo);
      const double falling = (hi - mel) / (hi - center);
      const auto w = static_cast<float>(rising < falling ? rising : falling);
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
