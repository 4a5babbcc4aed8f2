#include "engine/frontend/portable_math.h"

#include <cstdint>
#include <cstring>
#include <limits>

namespace tr::engine::frontend {
namespace {

constexpr double kTwoPi = 6.283185307179586476925;
constexpr double kSqrt2 = 1.4142135623730950488;
constexpr double kLn2 = 0.6931471805599453094172;
// ln 2 split so that e * kLn2HiF is exact for any float exponent e.
constexpr float kLn2HiF = 0.693145751953125f;
constexpr float kLn2LoF = 1.42860682030941723212e-6f;

// log(m) for m in [sqrt(1/2), sqrt(2)]: 2 atanh(s), s = (m - 1) / (m + 1), |s| <= 0.1716.
double log_reduced(double m) {
  const double s = (m - 1.0) / (m + 1.0);
  const double s2 = s * s;
  // 2 s (1 + s2/3 + s2^2/5 + ...): terms to s2^11 / 23 leave < 1e-17 relative.
  double p = 1.0 / 23.0;
  for (int k = 21; k >= 1; k -= 2) p = p * s2 + 1.0 / k;
  return 2.0 * s * p;
}

// sin(x), cos(x) for x in [0, pi/4]: Taylor series to x^21 / x^20 (error < 1e-20).
double sin_kernel(double x) {
  const double x2 = x * x;
  double p = 1.0;
  for (int k = 21; k >= 3; k -= 2) p = 1.0 - p * x2 / (static_cast<double>(k) * (k - 1));
  return x * p;
}

double cos_kernel(double x) {
  const double x2 = x * x;
  double p = 1.0;
  for (int k = 20; k >= 2; k -= 2) p = 1.0 - p * x2 / (static_cast<double>(k) * (k - 1));
  return p;
}

// turns -> (quadrant q in 0..3, u in [0, 1/4)) with turns = n + q/4 + u.
void reduce_turns(double turns, int& q, double& u) {
  auto whole = static_cast<int64_t>(turns);
  if (static_cast<double>(whole) > turns) --whole;  // floor for negative turns
  const double t = turns - static_cast<double>(whole);
  q = static_cast<int>(t * 4.0);
  if (q > 3) q = 3;
  u = t - 0.25 * q;
}

// cos and sin of 2 pi u for u in [0, 1/4].
double cos_quarter(double u) {
  return u <= 0.125 ? cos_kernel(kTwoPi * u) : sin_kernel(kTwoPi * (0.25 - u));
}
double sin_quarter(double u) {
  return u <= 0.125 ? sin_kernel(kTwoPi * u) : cos_kernel(kTwoPi * (0.25 - u));
}

}  // namespace

double log_portable(double x) {
  if (x != x || x < 0.0) return std::numeric_limits<double>::quiet_NaN();
  if (x == 0.0) return -std::numeric_limits<double>::infinity();
  if (x == std::numeric_limits<double>::infinity()) return x;
  int e = 0;
  if (x < std::numeric_limits<double>::min()) {
    x *= 18014398509481984.0;  // 2^54: subnormal -> normal, exactly
    e = -54;
  }
  uint64_t bits;
  std::memcpy(&bits, &x, sizeof bits);
  e += static_cast<int>((bits >> 52) & 0x7ff) - 1023;
  bits = (bits & 0x000fffffffffffffULL) | 0x3ff0000000000000ULL;  // mantissa in [1, 2)
  double m;
  std::memcpy(&m, &bits, sizeof m);
  if (m > kSqrt2) {
    m *= 0.5;
    ++e;
  }
  return static_cast<double>(e) * kLn2 + log_reduced(m);
}

float logf_portable(float x) {
  if (x != x || x < 0.0f) return std::numeric_limits<float>::quiet_NaN();
  if (x == 0.0f) return -std::numeric_limits<float>::infinity();
  if (x == std::numeric_limits<float>::infinity()) return x;
  int e = 0;
  if (x < std::numeric_limits<float>::min()) {
    x *= 33554432.0f;  // 2^25: subnormal -> normal, exactly
    e = -25;
  }
  uint32_t bits;
  std::memcpy(&bits, &x, sizeof bits);
  e += static_cast<int>((bits >> 23) & 0xff) - 127;
  bits = (bits & 0x007fffffu) | 0x3f800000u;  // mantissa in [1, 2)
  float m;
  std::memcpy(&m, &bits, sizeof m);
  if (m > 1.41421356f) {
    m *= 0.5f;
    ++e;
  }
  // 2 atanh(s), |s| <= 0.1716: terms to s^11 leave < 1e-9 relative, far under a float ulp.
  const float s = (m - 1.0f) / (m + 1.0f);
  const float s2 = s * s;
  const float p =
      2.0f / 3.0f +
      s2 * (2.0f / 5.0f + s2 * (2.0f / 7.0f + s2 * (2.0f / 9.0f + s2 * (2.0f / 11.0f))));
  const float log_m = 2.0f * s + s * s2 * p;
  const auto ef = static_cast<float>(e);
  return ef * kLn2HiF + (ef * kLn2LoF + log_m);
}

double cos_turns(double turns) {
  int q = 0;
  double u = 0.0;
  reduce_turns(turns, q, u);
  switch (q) {
    case 0:
      return cos_quarter(u);
    case 1:
      return -sin_quarter(u);
    case 2:
      return -cos_quarter(u);
    default:
      return sin_quarter(u);
  }
}

double sin_turns(double turns) {
  int q = 0;
  double u = 0.0;
  reduce_turns(turns, q, u);
  switch (q) {
    case 0:
      return sin_quarter(u);
    case 1:
      return cos_quarter(u);
    case 2:
      return -sin_quarter(u);
    default:
      return -cos_quarter(u);
  }
}

}  // namespace tr::engine::frontend
