// The random cases must reach the shapes optimized kernels special-case (1x1, 3x3, strides,
// dilations, SAME padding, depth multipliers, odd channel counts, batches) and keep every
// operand inside the fixed storage.
#include <catch2/catch.hpp>

#include "kernel_check/random_cases.h"

using namespace tr::check;

namespace {

CaseStorage g_storage;

}  // namespace

TEST_CASE("the generator is deterministic per seed", "[kernel_check]") {
  CaseRng a(7);
  CaseRng b(7);
  CaseRng c(8);
  uint32_t same = 0;
  for (int i = 0; i < 100; ++i) {
    const uint32_t va = a.next();
    CHECK(va == b.next());
    if (va == c.next()) ++same;
  }
  CHECK(same < 3);
}

TEST_CASE("conv cases cover the special shapes and fit the storage", "[kernel_check]") {
  CaseRng rng(20261127u);
  int pointwise = 0, three = 0, strided = 0, dilated = 0, padded = 0, grouped = 0, batched = 0;
  int odd_channels = 0, no_bias = 0, relu = 0;
  for (int i = 0; i < 500; ++i) {
    const ConvCase c = make_conv_case(rng, g_storage);
    const auto& d = c.dims;
    REQUIRE(d.batches * d.input_h * d.input_w * d.input_c <= static_cast<int>(kMaxCaseInput));
    REQUIRE(d.output_c * d.filter_h * d.filter_w * d.filter_c <= static_cast<int>(kMaxCaseFilter));
    REQUIRE(c.output_bytes <= kMaxCaseOutput);
    REQUIRE(c.output_bytes ==
            static_cast<uint32_t>(d.batches * d.output_h * d.output_w * d.output_c));
    REQUIRE(d.output_h >= 1);
    REQUIRE(d.output_w >= 1);
    pointwise += d.filter_h == 1 && d.filter_w == 1 && c.params.stride_h == 1;
    three += d.filter_h == 3 && d.filter_w == 3;
    strided += c.params.stride_h > 1 || c.params.stride_w > 1;
    dilated += c.params.dilation_h > 1 || c.params.dilation_w > 1;
    padded += c.params.pad_top > 0 || c.params.pad_left > 0;
    grouped += d.input_c != d.filter_c;
    batched += d.batches > 1;
    odd_channels += d.input_c % 2 == 1;
    no_bias += c.bias == nullptr;
    relu += c.params.act_min == c.params.output_offset;
  }
  CHECK(pointwise > 50);
  CHECK(three > 100);
  CHECK(strided > 50);
  CHECK(dilated > 20);
  CHECK(padded > 50);
  CHECK(grouped > 5);
  CHECK(batched > 20);
  CHECK(odd_channels > 50);
  CHECK(no_bias > 20);
  CHECK(relu > 50);
}

TEST_CASE("depthwise and fully-connected cases cover their variants", "[kernel_check]") {
  CaseRng rng(1);
  int multiplier = 0, dw_padded = 0;
  for (int i = 0; i < 300; ++i) {
    const DepthwiseCase c = make_depthwise_case(rng, g_storage);
    REQUIRE(c.dims.output_c == c.dims.input_c * c.dims.depth_multiplier);
    REQUIRE(c.output_bytes <= kMaxCaseOutput);
    multiplier += c.dims.depth_multiplier > 1;
    dw_padded += c.params.pad_top > 0;
  }
  CHECK(multiplier > 30);
  CHECK(dw_padded > 30);
  int per_channel = 0, weight_offset = 0, deep = 0, batches = 0;
  for (int i = 0; i < 300; ++i) {
    const FullyConnectedCase c = make_fully_connected_case(rng, g_storage);
    REQUIRE(c.dims.batches * c.dims.accum_depth <= static_cast<int>(kMaxCaseInput));
    REQUIRE(c.dims.output_depth * c.dims.accum_depth <= static_cast<int>(kMaxCaseFilter));
    per_channel += c.per_channel;
    weight_offset += c.params.weights_offset != 0;
    deep += c.dims.accum_depth > 256;
    batches += c.dims.batches > 1;
  }
  CHECK(per_channel > 100);
  CHECK(weight_offset > 10);
  CHECK(deep > 20);
  CHECK(batches > 20);
}

TEST_CASE("add cases come from the engine's prepare math and include broadcasting",
          "[kernel_check]") {
  CaseRng rng(3);
  int broadcast = 0, relu = 0;
  for (int i = 0; i < 200; ++i) {
    const AddCase c = make_add_case(rng, g_storage);
    REQUIRE(c.output_bytes == c.shape.element_count());
    REQUIRE(c.output_bytes <= kMaxCaseOutput);
    CHECK(c.params.left_shift == 20);
    CHECK(c.params.output_shift <= 0);
    broadcast += c.shape.strides2[0] == 0;
    relu += c.params.act_min == c.params.output_offset;
  }
  CHECK(broadcast > 15);
  CHECK(relu > 20);
}
