#include "engine/frontend/real_fft.h"

#include <cmath>

#include "engine/frontend/portable_math.h"

namespace tr::engine::frontend {
namespace {

void swap_complex(float* data, size_t a, size_t b) {
  const float re = data[2 * a];
  const float im = data[2 * a + 1];
  data[2 * a] = data[2 * b];
  data[2 * a + 1] = data[2 * b + 1];
  data[2 * b] = re;
  data[2 * b + 1] = im;
}

}  // namespace

bool RealFft::init(size_t n) {
  n_ = 0;
  if (n < 4 || n > kMaxFftLength || (n & (n - 1)) != 0) return false;
  // Portable cos/sin (k/n turns, exact for a power-of-two n): the same twiddles everywhere.
  for (size_t k = 0; k < n / 2; ++k) {
    const double turns = static_cast<double>(k) / static_cast<double>(n);
    cos_[k] = static_cast<float>(cos_turns(turns));
    sin_[k] = static_cast<float>(sin_turns(turns));
  }
  n_ = n;
  return true;
}

void RealFft::complex_fft(float* data) const {
  const size_t m = n_ / 2;
  // Bit-reversal permutation.
  for (size_t i = 1, j = 0; i < m; ++i) {
    size_t bit = m >> 1;
    for (; (j & bit) != 0; bit >>= 1) j ^= bit;
    j |= bit;
    if (i < j) swap_complex(data, i, j);
  }
  // Butterflies; the m-point twiddle e^{-2 pi i t / m} is table entry 2t.
  for (size_t len = 2; len <= m; len <<= 1) {
    const size_t half = len / 2;
    const size_t stride = 2 * (m / len);
    for (size_t start = 0; start < m; start += len) {
      for (size_t t = 0; t < half; ++t) {
        const float wr = cos_[t * stride];
        const float wi = -sin_[t * stride];
        float* a = data + 2 * (start + t);
        float* b = data + 2 * (start + t + half);
        const float br = b[0] * wr - b[1] * wi;
        const float bi = b[0] * wi + b[1] * wr;
        b[0] = a[0] - br;
        b[1] = a[1] - bi;
        a[0] += br;
        a[1] += bi;
      }
    }
  }
}

void RealFft::magnitudes(float* frame, float* magnitudes) const {
  const size_t m = n_ / 2;
  // frame[2j], frame[2j+1] already form z[j] = x[2j] + i x[2j+1].
  complex_fft(frame);
  const float* z = frame;
  magnitudes[0] = std::fabs(z[0] + z[1]);
  magnitudes[m] = std::fabs(z[0] - z[1]);
  for (size_t k = 1; k < m; ++k) {
    const float a = z[2 * k], b = z[2 * k + 1];
    const float c = z[2 * (m - k)], d = z[2 * (m - k) + 1];
    // Even part (Z[k] + conj Z[m-k]) / 2, odd part (Z[k] - conj Z[m-k]) / 2i.
    const float er = 0.5f * (a + c), ei = 0.5f * (b - d);
    const float orr = 0.5f * (b + d), oi = -0.5f * (a - c);
    const float wr = cos_[k], wi = -sin_[k];
    const float re = er + wr * orr - wi * oi;
    const float im = ei + wr * oi + wi * orr;
    magnitudes[k] = std::sqrt(re * re + im * im);
  }
}

}  // namespace tr::engine::frontend
