#include "builder/operator_options.h"

namespace tr::workloads {
namespace {

// BuiltinOptions union ids (tflite-format.md §2.2).
constexpr uint8_t kConv2DOptions = 1, kDepthwiseConv2DOptions = 2, kPool2DOptions = 5,
                  kSoftmaxOptions = 9, kConcatenationOptions = 10, kAddOptions = 11,
                  kReducerOptions = 27;

uint8_t act(FusedActivation a) {
  return static_cast<uint8_t>(a);
}

}  // namespace

OptionsTable conv_2d_options(const ConvOptionsSpec& o) {
  OptionsTable t{kConv2DOptions};
  t.table.add_scalar<uint8_t>(0, static_cast<uint8_t>(o.padding))
      .add_scalar<int32_t>(1, o.stride_w)
      .add_scalar<int32_t>(2, o.stride_h)
      .add_scalar<uint8_t>(3, act(o.activation))
      .add_scalar<int32_t>(4, o.dilation_w)
      .add_scalar<int32_t>(5, o.dilation_h);
  return t;
}

OptionsTable depthwise_conv_2d_options(const ConvOptionsSpec& o) {
  OptionsTable t{kDepthwiseConv2DOptions};
  t.table.add_scalar<uint8_t>(0, static_cast<uint8_t>(o.padding))
      .add_scalar<int32_t>(1, o.stride_w)
      .add_scalar<int32_t>(2, o.stride_h)
      .add_scalar<int32_t>(3, o.depth_multiplier)
      .add_scalar<uint8_t>(4, act(o.activation))
      .add_scalar<int32_t>(5, o.dilation_w)
      .add_scalar<int32_t>(6, o.dilation_h);
  return t;
}

OptionsTable pool_2d_options(const PoolOptionsSpec& o) {
  OptionsTable t{kPool2DOptions};
  t.table.add_scalar<uint8_t>(0, static_cast<uint8_t>(o.padding))
      .add_scalar<int32_t>(1, o.stride_w)
      .add_scalar<int32_t>(2, o.stride_h)
      .add_scalar<int32_t>(3, o.filter_w)
      .add_scalar<int32_t>(4, o.filter_h)
      .add_scalar<uint8_t>(5, act(o.activation));
  return t;
}

OptionsTable add_options(FusedActivation activation) {
  OptionsTable t{kAddOptions};
  t.table.add_scalar<uint8_t>(0, act(activation));
  return t;
}

OptionsTable softmax_options(float beta) {
  OptionsTable t{kSoftmaxOptions};
  t.table.add_scalar<float>(0, beta);
  return t;
}

OptionsTable reducer_options(bool keep_dims) {
  OptionsTable t{kReducerOptions};
  t.table.add_scalar<uint8_t>(0, keep_dims ? 1 : 0);
  return t;
}

OptionsTable concatenation_options(int32_t axis, FusedActivation activation) {
  OptionsTable t{kConcatenationOptions};
  t.table.add_scalar<int32_t>(0, axis).add_scalar<uint8_t>(1, act(activation));
  return t;
}

}  // namespace tr::workloads
