// The dsp kernel set (engine/kernels/dsp, portable intrinsics on the host) is bit-exact with
// the reference kernels: the one-SMLAL requantization against mbqm, the intrinsics' lane
// semantics, then CONV_2D, DEPTHWISE_CONV_2D and FULLY_CONNECTED over the MLPerf layer shapes,
// edge shapes and thousands of random cases with a fixed seed.
#include <catch2/catch.hpp>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "engine/kernels/dsp/dsp_intrinsics.h"
#include "engine/kernels/dsp/dsp_kernels.h"
#include "engine/kernels/dsp/requantize_dsp.h"
#include "engine/quantization.h"
#include "kernel_cases.h"
#include "kernel_check/kernel_check.h"

using tr::test::CaseResult;
using tr::test::ConvShape;
using tr::test::Rng;
using tr::test::Values;

namespace dsp = tr::engine::dsp;

namespace {

void require_match(const CaseResult& r) {
  INFO(r.describe);
  REQUIRE(r.mismatch == "");
}

ConvShape conv(int32_t h, int32_t w, int32_t c, int32_t fh, int32_t fw, int32_t oc, int32_t stride,
               bool same) {
  ConvShape s;
  s.input_h = h;
  s.input_w = w;
  s.input_c = c;
  s.filter_h = fh;
  s.filter_w = fw;
  s.output_c = oc;
  s.stride_h = stride;
  s.stride_w = stride;
  s.same = same;
  return s;
}

}  // namespace

TEST_CASE("dsp requantize equals mbqm for every supported multiplier and shift", "[dsp]") {
  Rng rng(7);
  const int32_t special[] = {
      0, 1, -1, 2, -2, INT32_MIN, INT32_MAX, 1 << 30, -(1 << 30), INT32_MIN + 1, (1 << 30) - 1};
  int64_t checked = 0;
  for (int i = 0; i < 400000; ++i) {
    int32_t m = static_cast<int32_t>(0x40000000u + (rng() & 0x3FFFFFFFu));
    if (i % 7 == 0) m = 1 << 30;
    if (i % 11 == 0) m = INT32_MAX;
    if (i % 13 == 0) m = static_cast<int32_t>(rng() & 0x3FFFFFFFu);  // below 2^30
    int32_t shift = -static_cast<int32_t>(rng() % 31) - 1;
    if (i % 17 == 0) {
      m = 0;
      shift = 0;
    }
    int32_t acc = static_cast<int32_t>(rng());
    if (i % 3 == 1) acc = static_cast<int32_t>(rng() % 200001) - 100000;
    if (i % 3 == 2) acc = special[rng() % (sizeof special / sizeof special[0])];
    REQUIRE(dsp::requant_supported(m, shift));
    INFO("acc " << acc << " multiplier " << m << " shift " << shift);
    REQUIRE(dsp::requantize(acc, dsp::make_requant(m, shift)) == tr::engine::mbqm(acc, m, shift));
    ++checked;
  }
  // The double-rounding tie from int8-quantization.md §3: -199540 -> -783, not -782.
  CHECK(dsp::requantize(-199540, dsp::make_requant(1077933712, -7)) == -783);
  CHECK(checked == 400000);
}

TEST_CASE("dsp requantize leaves left shifts and unit scales to the reference", "[dsp]") {
  CHECK_FALSE(dsp::requant_supported(1 << 30, 0));
  CHECK_FALSE(dsp::requant_supported(1 << 30, 1));
  CHECK_FALSE(dsp::requant_supported(-5, -3));
  CHECK(dsp::requant_supported(0, 0));
  CHECK(dsp::requant_supported(1 << 30, -31));
}

TEST_CASE("portable dsp intrinsics have the instructions' lane semantics", "[dsp]") {
  // Bytes (lsb first) 0x80, 0x7F, 0xFF, 0x01 = -128, 127, -1, 1.
  const uint32_t x = 0x01FF7F80u;
  CHECK(dsp::sxtb16(x) == 0xFFFFFF80u);                        // (-128, -1)
  CHECK(dsp::sxtb16_ror8(x) == 0x0001007Fu);                   // (127, 1)
  CHECK(dsp::sxtab16(dsp::dup16(128), x) == 0x007F0000u);      // (0, 127)
  CHECK(dsp::sxtab16_ror8(dsp::dup16(-1), x) == 0x0000007Eu);  // (126, 0)
  CHECK(dsp::smlad(0x0003FFFEu, 0x00050007u, 100) == 100 - 14 + 15);
  CHECK(dsp::smlad(0x80008000u, 0x80008000u, 0) == INT32_MIN);  // 2 * 2^30 wraps
  CHECK(dsp::smlabb(0x0003FFFEu, 0x00050007u, 1) == 1 - 14);
  CHECK(dsp::smlatt(0x0003FFFEu, 0x00050007u, 1) == 1 + 15);
  CHECK(dsp::ssat8(300) == 127);
  CHECK(dsp::ssat8(-300) == -128);
  CHECK(dsp::ssat8(-5) == -5);
}

TEST_CASE("dsp conv_2d matches the reference on MLPerf and edge shapes", "[dsp][conv]") {
  Rng rng(11);
  std::vector<ConvShape> shapes = {
      conv(49, 10, 1, 10, 4, 64, 2, true),  // KWS op 0
      conv(25, 5, 64, 1, 1, 64, 1, true),   // KWS pointwise
      conv(96, 96, 3, 3, 3, 8, 2, true),    // VWW op 0
      conv(6, 6, 128, 1, 1, 128, 1, true),  // VWW pointwise
      conv(32, 32, 3, 3, 3, 16, 1, true),   // IC op 0
      conv(16, 16, 32, 3, 3, 32, 1, true),  // IC 3x3
      conv(32, 32, 16, 1, 1, 32, 2, true),  // IC 1x1 stride-2 shortcut
      conv(1, 1, 1, 1, 1, 1, 1, true),      // 1x1x1
      conv(3, 3, 3, 3, 3, 3, 1, false),     // 3x3 VALID, one pixel
      conv(10, 4, 5, 3, 3, 7, 2, true),     // 10x4 stride 2, odd channels
      conv(10, 4, 5, 3, 2, 7, 2, false),   conv(7, 9, 13, 2, 3, 9, 3, true),
  };
  ConvShape dilated = conv(9, 11, 6, 3, 3, 5, 1, true);
  dilated.dilation_h = 2;
  dilated.dilation_w = 3;
  shapes.push_back(dilated);
  dilated.same = false;
  shapes.push_back(dilated);
  ConvShape batched = conv(5, 6, 8, 3, 3, 4, 1, true);
  batched.batches = 2;
  shapes.push_back(batched);
  for (const ConvShape& s : shapes) {
    require_match(run_conv_case(s, Values::random, rng));
    require_match(run_conv_case(s, Values::extremes, rng));
  }
}

TEST_CASE("dsp conv_2d matches the reference on random cases", "[dsp][conv]") {
  Rng rng(12);
  for (int i = 0; i < 1500; ++i) {
    const ConvShape s = tr::test::random_conv_shape(rng);
    require_match(run_conv_case(s, i % 4 == 3 ? Values::extremes : Values::random, rng));
  }
}

TEST_CASE("dsp conv_2d scratch is two widened columns, no persistent data", "[dsp][conv]") {
  Rng rng(13);
  const CaseResult pointwise =
      run_conv_case(conv(6, 6, 128, 1, 1, 16, 1, true), Values::random, rng);
  CHECK(pointwise.scratch_bytes == 2 * 2 * 128);
  CHECK(pointwise.persistent_bytes == 0);
  const CaseResult ic = run_conv_case(conv(8, 8, 64, 3, 3, 4, 1, true), Values::random, rng);
  CHECK(ic.scratch_bytes == 2 * 2 * 3 * 3 * 64);  // TFLM + CMSIS-NN: 2 * fh * fw * c int16
  const CaseResult odd = run_conv_case(conv(5, 5, 3, 3, 3, 4, 1, true), Values::random, rng);
  CHECK(odd.scratch_bytes == 16 * 7);  // 27 values round up to 7 groups of 4
}

TEST_CASE("dsp depthwise_conv_2d matches the reference on MLPerf and edge shapes",
          "[dsp][depthwise]") {
  Rng rng(21);
  std::vector<ConvShape> shapes = {
      conv(25, 5, 64, 3, 3, 0, 1, true),   // KWS
      conv(48, 48, 8, 3, 3, 0, 1, true),   // VWW op 1
      conv(48, 48, 16, 3, 3, 0, 2, true),  // VWW stride 2
      conv(3, 3, 256, 3, 3, 0, 1, true),   // VWW op 25
      conv(1, 1, 1, 1, 1, 0, 1, true),    conv(3, 3, 5, 3, 3, 0, 1, false),
      conv(10, 4, 7, 3, 3, 0, 2, true),   conv(10, 4, 6, 2, 4, 0, 2, false),
  };
  for (int32_t m = 1; m <= 3; ++m) {
    ConvShape s = conv(7, 6, 5, 3, 3, 0, 1, true);
    s.depth_multiplier = m;
    shapes.push_back(s);
    s.input_c = 8;
    s.batches = 2;
    shapes.push_back(s);
    s.dilation_h = 2;
    s.dilation_w = 2;
    s.same = m != 2;
    shapes.push_back(s);
  }
  for (const ConvShape& s : shapes) {
    require_match(run_depthwise_case(s, Values::random, rng));
    require_match(run_depthwise_case(s, Values::extremes, rng));
  }
}

TEST_CASE("dsp depthwise_conv_2d matches the reference on random cases", "[dsp][depthwise]") {
  Rng rng(22);
  for (int i = 0; i < 1500; ++i) {
    const ConvShape s = tr::test::random_conv_shape(rng);
    require_match(run_depthwise_case(s, i % 4 == 3 ? Values::extremes : Values::random, rng));
  }
}

TEST_CASE("dsp fully_connected matches the reference, per tensor and per channel", "[dsp][fc]") {
  Rng rng(31);
  struct Fc {
    int32_t batches, depth, outputs;
  };
  const Fc shapes[] = {{1, 640, 128}, {1, 128, 8}, {1, 8, 128}, {1, 64, 12}, {1, 256, 2},
                       {1, 1, 1},     {2, 7, 5},   {2, 13, 9},  {1, 3, 4},   {3, 130, 6}};
  for (const Fc& f : shapes) {
    for (bool per_channel : {false, true}) {
      require_match(run_fully_connected_case(f.batches, f.depth, f.outputs, per_channel,
                                             Values::random, rng));
      require_match(run_fully_connected_case(f.batches, f.depth, f.outputs, per_channel,
                                             Values::extremes, rng));
    }
  }
  for (int i = 0; i < 1500; ++i) {
    std::uniform_int_distribution<int32_t> dim(1, 70);
    require_match(run_fully_connected_case(i % 5 == 0 ? 2 : 1, dim(rng), dim(rng), i % 2 == 1,
                                           i % 4 == 3 ? Values::extremes : Values::random, rng));
  }
}

TEST_CASE("dsp fully_connected needs no scratch or persistent memory", "[dsp][fc]") {
  Rng rng(32);
  CHECK(run_fully_connected_case(1, 640, 4, false, Values::random, rng).scratch_bytes == 0);
  CHECK(run_fully_connected_case(1, 9, 4, true, Values::random, rng).persistent_bytes == 0);
}

TEST_CASE("dsp kernel set names itself", "[dsp]") {
  CHECK(std::string(dsp::kName) == "dsp");
}

namespace {

class TextConsole : public tr::fw::Console {
 public:
  void write(const char* s, size_t n) override { text.append(s, n); }
  std::string text;
};

}  // namespace

TEST_CASE("dsp set passes the firmware's kernel check on the host", "[dsp][kernel_check]") {
  // The same random cases kernel_check.elf runs under QEMU, here with the portable intrinsics.
  TextConsole out;
  const auto totals =
      tr::check::run_kernel_check(TR_KERNEL_SET_TABLE(tr::engine::dsp), 20261127u, 300, 20, out);
  INFO(out.text);
  CHECK(totals.cases == 1200);
  CHECK(totals.mismatches == 0);
}
