// Magnitude spectrum of a real frame: an N-point real FFT done as an N/2-point complex radix-2
// FFT on the even/odd samples packed as (re, im), then split into the N/2 + 1 bins of the real
// transform. Twiddles are computed once by init(); no heap, fixed capacity kMaxFftLength.
#pragma once

#include <cstddef>

#include "engine/frontend/mfcc_config.h"

namespace tr::engine::frontend {

class RealFft {
 public:
  // n must be a power of two in [4, kMaxFftLength]; returns false otherwise.
  bool init(size_t n);
  size_t size() const { return n_; }

  // frame: n real samples, used as scratch (overwritten). magnitudes: n/2 + 1 values |X[k]|.
  void magnitudes(float* frame, float* magnitudes) const;

 private:
  void complex_fft(float* data) const;  // in place, n/2 interleaved complex values

  size_t n_ = 0;
  // e^{-2 pi i k / n} for k < n/2: serves the n/2-point FFT (even k) and the split step.
  float cos_[kMaxFftLength / 2] = {};
  float sin_[kMaxFftLength / 2] = {};
};

}  // namespace tr::engine::frontend
