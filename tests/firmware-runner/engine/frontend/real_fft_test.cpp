// RealFft magnitudes against a direct DFT in double precision.
#include "engine/frontend/real_fft.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <memory>
#include <vector>

namespace tr::engine::frontend {

TEST_CASE("RealFft matches a direct DFT", "[mfcc]") {
  for (size_t n : {size_t{4}, size_t{8}, size_t{64}, size_t{512}}) {
    INFO("n = " << n);
    auto fft = std::make_unique<RealFft>();
    REQUIRE(fft->init(n));
    std::vector<float> x(n);
    uint32_t state = 2463534242u;
    for (auto& v : x) {
      state ^= state << 13;
      state ^= state >> 17;
      state ^= state << 5;
      v = static_cast<float>(state % 2001) / 1000.0f - 1.0f;
    }
    std::vector<double> expected(n / 2 + 1);
    for (size_t k = 0; k <= n / 2; ++k) {
      double re = 0.0, im = 0.0;
      for (size_t t = 0; t < n; ++t) {
        const double a = -2.0 * M_PI * static_cast<double>(k * t) / static_cast<double>(n);
        re += x[t] * std::cos(a);
        im += x[t] * std::sin(a);
      }
      expected[k] = std::hypot(re, im);
    }
    std::vector<float> frame = x;
    std::vector<float> mags(n / 2 + 1, -1.0f);
    fft->magnitudes(frame.data(), mags.data());
    for (size_t k = 0; k <= n / 2; ++k) {
      INFO("bin " << k);
      CHECK(mags[k] == Approx(expected[k]).margin(1e-4 * std::sqrt(static_cast<double>(n))));
    }
  }
}

TEST_CASE("RealFft rejects sizes it cannot hold", "[mfcc]") {
  RealFft fft;
  CHECK_FALSE(fft.init(0));
  CHECK_FALSE(fft.init(2));
  CHECK_FALSE(fft.init(48));
  CHECK_FALSE(fft.init(1024));
  CHECK(fft.size() == 0);
  CHECK(fft.init(512));
  CHECK(fft.size() == 512);
}

}  // namespace tr::engine::frontend
