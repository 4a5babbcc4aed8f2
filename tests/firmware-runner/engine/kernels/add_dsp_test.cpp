// The dsp ADD (engine/kernels/dsp/add_dsp.cpp) is bit-exact with reference::add_s8: the
// worked example of int8-quantization.md §11, parameters from the engine's ADD prepare math,
// hand-made multipliers and shifts at the ends of the fast path's range, and the cases it
// leaves to the reference (broadcasting, unsupported shifts).
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "engine/kernels/dsp/dsp_kernels.h"
#include "engine/ops/add.h"

namespace dsp = tr::engine::dsp;
namespace ref = tr::engine::reference;

namespace {

using Rng = std::mt19937;

ref::BroadcastShape dense_shape(int32_t h, int32_t w, int32_t c) {
  ref::BroadcastShape s;
  s.rank = 3;
  s.dims[0] = h;
  s.dims[1] = w;
  s.dims[2] = c;
  const int32_t strides[3] = {w * c, c, 1};
  for (int d = 0; d < 3; ++d) s.strides1[d] = s.strides2[d] = strides[d];
  return s;
}

std::string describe(const ref::AddParams& p) {
  std::ostringstream o;
  o << "offsets " << p.input1_offset << "," << p.input2_offset << "," << p.output_offset
    << " left_shift " << p.left_shift << " m1 " << p.input1_multiplier << "/" << p.input1_shift
    << " m2 " << p.input2_multiplier << "/" << p.input2_shift << " mo " << p.output_multiplier
    << "/" << p.output_shift << " act [" << p.act_min << "," << p.act_max << "]";
  return o.str();
}

// Runs both kernels on the same data; returns the first differing element index or -1.
int64_t first_mismatch(const ref::AddParams& p, const ref::BroadcastShape& shape,
                       const std::vector<int8_t>& in1, const std::vector<int8_t>& in2) {
  const uint32_t n = shape.element_count();
  std::vector<int8_t> want(n, 0x55);
  std::vector<int8_t> got(n, 0x66);
  ref::add_s8(p, shape, in1.data(), in2.data(), want.data());
  dsp::add_s8(p, shape, in1.data(), in2.data(), got.data());
  for (uint32_t i = 0; i < n; ++i) {
    if (want[i] != got[i]) return i;
  }
  return -1;
}

std::vector<int8_t> random_values(Rng& rng, uint32_t n, bool extremes) {
  std::vector<int8_t> v(n);
  std::uniform_int_distribution<int32_t> byte(-128, 127);
  for (auto& x : v) {
    x = static_cast<int8_t>(byte(rng));
    if (extremes && rng() % 2 == 0) x = rng() % 2 == 0 ? int8_t{-128} : int8_t{127};
  }
  return v;
}

float random_scale(Rng& rng) {
  std::uniform_real_distribution<float> exponent(-12.0f, 0.0f);
  return std::pow(2.0f, exponent(rng));
}

}  // namespace

TEST_CASE("dsp add reproduces the worked example of the ADD facts", "[dsp][add]") {
  ref::AddParams p;
  p.input1_offset = 128;
  p.input2_offset = -4;
  p.output_offset = -128;
  p.input1_multiplier = 1623821475;
  p.input1_shift = -2;
  p.input2_multiplier = 1073741824;
  p.input2_shift = 0;
  p.output_multiplier = 1098017566;
  p.output_shift = -17;
  const ref::BroadcastShape shape = dense_shape(1, 1, 3);
  const int8_t in1[] = {-58, -99, -128};
  const int8_t in2[] = {-8, 26, -6};
  int8_t out[3] = {};
  dsp::add_s8(p, shape, in1, in2, out);
  CHECK(out[0] == -98);
  CHECK(out[1] == -61);
  CHECK(out[2] == -128);
}

TEST_CASE("dsp add matches the reference with the engine's prepare math", "[dsp][add]") {
  Rng rng(41);
  std::uniform_int_distribution<int32_t> zero_point(-128, 127);
  std::uniform_int_distribution<int32_t> dim(1, 17);
  int checked = 0;
  for (int i = 0; i < 3000; ++i) {
    ref::AddParams p;
    const float s1 = random_scale(rng);
    // Every 5th case has equal input scales: both inputs take the halving path.
    const float s2 = i % 5 == 0 ? s1 : random_scale(rng);
    if (!tr::engine::add_params(s1, zero_point(rng), s2, zero_point(rng), random_scale(rng),
                                zero_point(rng), static_cast<uint8_t>(i % 4 == 0 ? 1 : 0), p)) {
      continue;
    }
    const ref::BroadcastShape shape = dense_shape(dim(rng), dim(rng), dim(rng));
    const uint32_t n = shape.element_count();
    const auto in1 = random_values(rng, n, i % 3 == 0);
    const auto in2 = random_values(rng, n, i % 3 == 0);
    INFO(describe(p));
    REQUIRE(first_mismatch(p, shape, in1, in2) == -1);
    ++checked;
  }
  CHECK(checked > 1000);
}

TEST_CASE("dsp add matches the reference at the ends of its multiplier and shift range",
          "[dsp][add]") {
  Rng rng(42);
  std::uniform_int_distribution<int32_t> offset(-127, 128);
  std::uniform_int_distribution<int32_t> right_shift(1, 31);
  const auto multiplier = [&] {
    switch (rng() % 4) {
      case 0:
        return int32_t{1} << 30;
      case 1:
        return INT32_MAX;
      default:
        return static_cast<int32_t>(0x40000000u + (rng() & 0x3FFFFFFFu));
    }
  };
  const ref::BroadcastShape shape = dense_shape(1, 16, 16);  // all 65536 input pairs, 256 per run
  for (int i = 0; i < 2000; ++i) {
    ref::AddParams p;
    p.input1_offset = offset(rng);
    p.input2_offset = offset(rng);
    p.output_offset = offset(rng) - 1;
    p.left_shift = i % 10 == 0 ? 1 + static_cast<int32_t>(rng() % 22) : 20;
    p.input1_multiplier = multiplier();
    p.input1_shift = rng() % 3 == 0 ? 0 : -right_shift(rng);
    if (p.input1_shift == 0) p.input1_multiplier = 1 << 30;
    p.input2_multiplier = multiplier();
    p.input2_shift = rng() % 3 == 0 ? 0 : -right_shift(rng);
    if (p.input2_shift == 0) p.input2_multiplier = 1 << 30;
    p.output_multiplier = multiplier();
    p.output_shift = i % 7 == 0 ? -1 : (i % 11 == 0 ? -31 : -right_shift(rng));
    if (i % 3 == 0) {
      p.act_min = static_cast<int32_t>(rng() % 128) - 128;
      p.act_max = p.act_min + static_cast<int32_t>(rng() % 128);
    }
    std::vector<int8_t> in1(256);
    std::vector<int8_t> in2(256);
    for (int k = 0; k < 256; ++k) {
      in1[static_cast<size_t>(k)] = static_cast<int8_t>(k - 128);
      in2[static_cast<size_t>(k)] = static_cast<int8_t>((k * 37 + i) % 256 - 128);
    }
    INFO(describe(p));
    REQUIRE(first_mismatch(p, shape, in1, in2) == -1);
  }
}

TEST_CASE("dsp add leaves broadcasting and other shifts to the reference", "[dsp][add]") {
  Rng rng(43);
  ref::AddParams p;
  REQUIRE(tr::engine::add_params(0.05f, 3, 0.02f, -7, 0.04f, 1, 0, p));
  SECTION("input 2 repeated over the image") {
    ref::BroadcastShape shape = dense_shape(5, 6, 7);
    shape.strides2[0] = shape.strides2[1] = 0;
    const auto in1 = random_values(rng, shape.element_count(), false);
    const auto in2 = random_values(rng, 7, false);
    // Sized for the broadcast: the comparison reads only 7 values of input 2.
    std::vector<int8_t> in2_full(shape.element_count(), 0);
    std::copy(in2.begin(), in2.end(), in2_full.begin());
    CHECK(first_mismatch(p, shape, in1, in2_full) == -1);
  }
  SECTION("an output multiplier with shift 0 and a positive input shift") {
    const ref::BroadcastShape shape = dense_shape(3, 3, 9);
    p.output_multiplier = 1 << 30;
    p.output_shift = 0;
    p.left_shift = 8;
    p.input1_shift = 1;
    const auto in1 = random_values(rng, shape.element_count(), true);
    const auto in2 = random_values(rng, shape.element_count(), true);
    CHECK(first_mismatch(p, shape, in1, in2) == -1);
  }
}
