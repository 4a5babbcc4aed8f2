// Quantization utilities against the worked examples of int8-quantization.md §2, §3, §4, §8.
#include "engine/quantization.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <limits>

using tr::engine::int8_activation_range;
using tr::engine::mbqm;
using tr::engine::quantize_multiplier;
using tr::engine::QuantizedMultiplier;
using tr::engine::rdbpot;
using tr::engine::srdhm;

namespace {

QuantizedMultiplier qm(double d) {
  QuantizedMultiplier q;
  REQUIRE(quantize_multiplier(d, q));
  return q;
}

}  // namespace

TEST_CASE("QuantizeMultiplier follows the fact sheet table (§2)", "[quant]") {
  struct Row {
    double d;
    int32_t m;
    int32_t shift;
  };
  const Row rows[] = {
      {0.0039215, 1077933712, -7},
      {static_cast<double>(1.0f / 255.0f), 1077952640, -7},
      {0.5, 1073741824, 0},
      {0.75, 1610612736, 0},
      {1.0, 1073741824, 1},
      {3.0, 1610612736, 2},
      {0.9999999999, 1073741824, 1},  // rounds up to 2^31: M = 2^30, shift + 1
      {std::ldexp(1.0, -32), 1073741824, -31},
      {std::ldexp(1.0, -33), 0, 0},  // flushed
      {1e-10, 0, 0},
      {0.0, 0, 0},
      {0.009891771143415216, 1359514674, -6},
  };
  for (const Row& r : rows) {
    INFO("d = " << r.d);
    const QuantizedMultiplier q = qm(r.d);
    CHECK(q.multiplier == r.m);
    CHECK(q.shift == r.shift);
  }
}

TEST_CASE("QuantizeMultiplier rejects negative and non-finite scales", "[quant]") {
  QuantizedMultiplier q;
  CHECK_FALSE(quantize_multiplier(-0.5, q));
  CHECK_FALSE(quantize_multiplier(std::numeric_limits<double>::quiet_NaN(), q));
  CHECK_FALSE(quantize_multiplier(std::numeric_limits<double>::infinity(), q));
}

TEST_CASE("SRDHM and RDBPOT building blocks (§3)", "[quant]") {
  CHECK(srdhm(3, 1 << 30) == 2);
  CHECK(srdhm(-3, 1 << 30) == -1);
  CHECK(srdhm(1, 1 << 30) == 1);
  CHECK(srdhm(-1, 1 << 30) == 0);
  CHECK(srdhm(INT32_MIN, INT32_MIN) == INT32_MAX);
  CHECK(rdbpot(3, 1) == 2);
  CHECK(rdbpot(-3, 1) == -2);
  CHECK(rdbpot(-1, 1) == -1);
  CHECK(rdbpot(-2, 1) == -1);
  CHECK(rdbpot(5, 1) == 3);
  CHECK(rdbpot(12, 3) == 2);
  CHECK(rdbpot(-12, 3) == -2);
  CHECK(rdbpot(20, 3) == 3);
  CHECK(rdbpot(-20, 3) == -3);
  CHECK(rdbpot(7, 0) == 7);
  CHECK(rdbpot(INT32_MIN, 31) == -1);
}

TEST_CASE("MultiplyByQuantizedMultiplier rounds twice (§3)", "[quant]") {
  const int32_t m = 1077933712;
  const int shift = -7;
  CHECK(mbqm(1000, m, shift) == 4);
  CHECK(mbqm(-1000, m, shift) == -4);
  CHECK(mbqm(12345, m, shift) == 48);
  CHECK(mbqm(-12345, m, shift) == -48);
  CHECK(mbqm(127500, m, shift) == 500);
  CHECK(mbqm(1048576, m, shift) == 4112);
  // SRDHM gives -100160, a tie at /128 that rounds away to -783; single rounding gives -782.
  CHECK(srdhm(-199540, m) == -100160);
  CHECK(mbqm(-199540, m, shift) == -783);
}

TEST_CASE("MultiplyByQuantizedMultiplier with a left shift wraps silently (§3)", "[quant]") {
  const QuantizedMultiplier three = qm(3.0);
  CHECK(mbqm(100, three.multiplier, three.shift) == 300);
  CHECK(mbqm(-7, three.multiplier, three.shift) == -21);
  CHECK(mbqm(1 << 30, 1 << 30, 2) == 0);
}

TEST_CASE("fused activation clamp ranges (§4)", "[quant]") {
  using A = uint8_t;
  auto r = int8_activation_range(A{1}, 0.1f, -128);  // RELU, z = -128
  CHECK(r.min == -128);
  CHECK(r.max == 127);
  r = int8_activation_range(A{1}, 0.1f, -5);
  CHECK(r.min == -5);
  CHECK(r.max == 127);
  r = int8_activation_range(A{3}, 0.03f, -20);  // RELU6: Qf(6) = 180
  CHECK(r.min == -20);
  CHECK(r.max == 127);
  r = int8_activation_range(A{3}, 0.1f, 0);  // RELU6: 6 / 0.1 = 60
  CHECK(r.min == 0);
  CHECK(r.max == 60);
  r = int8_activation_range(A{2}, 0.01f, 3);  // RELU_N1_TO_1
  CHECK(r.min == -97);
  CHECK(r.max == 103);
  r = int8_activation_range(A{0}, 0.01f, 3);  // NONE
  CHECK(r.min == -128);
  CHECK(r.max == 127);
  r = int8_activation_range(A{4}, 0.01f, 3);  // TANH as a fused activation: no clamp
  CHECK(r.min == -128);
  CHECK(r.max == 127);
}

TEST_CASE("per-tensor FC multiplier uses the float32 product (§8, AD op 0)", "[quant]") {
  const float s_in = 0.3910152316093445f;
  const float s_w = 0.0003768749884329736f;
  const float s_out = 0.04945912957191467f;
  const float product = s_in * s_w;
  const QuantizedMultiplier tflm = qm(static_cast<double>(product) / static_cast<double>(s_out));
  CHECK(tflm.multiplier == 1638001653);
  CHECK(tflm.shift == -8);
  CHECK(mbqm(125020, tflm.multiplier, tflm.shift) == 372);
  const QuantizedMultiplier dbl =
      qm(static_cast<double>(s_in) * static_cast<double>(s_w) / static_cast<double>(s_out));
  CHECK(dbl.multiplier == 1638001719);
  CHECK(mbqm(125020, dbl.multiplier, dbl.shift) == 373);
}
