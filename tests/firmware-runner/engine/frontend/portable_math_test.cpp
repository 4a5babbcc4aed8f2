// The front end's portable log/cos/sin against the C library over their whole working range:
// close to the true values (they need not be bit-equal to any libm, only to themselves on
// every platform, which the emulated-board tests check).
#include "engine/frontend/portable_math.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>

namespace tr::engine::frontend {
namespace {

// Distance in float ulps between two finite floats of the same sign.
int64_t ulps(float a, float b) {
  int32_t ia, ib;
  std::memcpy(&ia, &a, 4);
  std::memcpy(&ib, &b, 4);
  return std::llabs(static_cast<int64_t>(ia) - ib);
}

}  // namespace

TEST_CASE("logf_portable is within 2 ulps of log over the front end's range", "[mfcc][math]") {
  int64_t worst = 0;
  // log(mel + 1e-6): from the floor to far above any mel energy, plus the float edge cases.
  for (float x = 1e-6f; x < 1e7f; x *= 1.0001237f) {
    const float want = static_cast<float>(std::log(static_cast<double>(x)));
    const float got = logf_portable(x);
    INFO("x = " << x << ": " << got << " vs " << want);
    if (std::fabs(want) < 1e-3f) {
      REQUIRE(std::fabs(got - want) < 1e-9f);  // near x = 1, compare absolutely
    } else {
      worst = std::max(worst, ulps(got, want));
    }
  }
  CHECK(worst <= 2);
  CHECK(logf_portable(1.0f) == 0.0f);
  CHECK(logf_portable(std::numeric_limits<float>::denorm_min()) ==
        Approx(std::log(static_cast<double>(std::numeric_limits<float>::denorm_min()))));
  CHECK(std::isinf(logf_portable(0.0f)));
  CHECK(logf_portable(0.0f) < 0.0f);
  CHECK(std::isnan(logf_portable(-1.0f)));
  CHECK(std::isnan(logf_portable(std::numeric_limits<float>::quiet_NaN())));
}

TEST_CASE("log_portable matches log in double", "[mfcc][math]") {
  for (double x = 1e-300; x < 1e300; x *= 1.37) {
    INFO("x = " << x);
    REQUIRE(log_portable(x) == Approx(std::log(x)).epsilon(1e-15).margin(1e-15));
  }
  CHECK(log_portable(1.0) == 0.0);
  CHECK(log_portable(4.9e-324) == Approx(std::log(4.9e-324)));
  CHECK(std::isnan(log_portable(-2.0)));
}

TEST_CASE("cos_turns and sin_turns match cos and sin of 2 pi turns", "[mfcc][math]") {
  const double two_pi = 6.283185307179586476925;
  for (int i = -4000; i <= 4000; ++i) {
    const double t = i / 1024.0 + i * 1e-7;
    INFO("turns = " << t);
    REQUIRE(cos_turns(t) == Approx(std::cos(two_pi * t)).margin(1e-14));
    REQUIRE(sin_turns(t) == Approx(std::sin(two_pi * t)).margin(1e-14));
  }
  // Exact at the quadrant points.
  CHECK(cos_turns(0.0) == 1.0);
  CHECK(sin_turns(0.25) == 1.0);
  CHECK(cos_turns(0.5) == -1.0);
  CHECK(sin_turns(0.75) == -1.0);
  CHECK(cos_turns(-0.25) == Approx(0.0).margin(1e-17));
}

}  // namespace tr::engine::frontend
