// BuiltinOptions tables of the operators the engine runs, field slots as in the TFLite schema
// (tflite-format.md §2.2), for TfliteWriter::add_operator. Each function also returns the
// union id the table belongs to.
#pragma once

#include <cstdint>

#include "builder/flatbuffer_builder.h"
#include "builder/tflite_writer.h"

namespace tr::workloads {

enum class Padding : uint8_t { same = 0, valid = 1 };

struct OptionsTable {
  uint8_t type = 0;  // BuiltinOptions union id
  FbObject table = FbObject::table();
};

struct ConvOptionsSpec {
  Padding padding = Padding::same;
  int32_t stride_w = 1, stride_h = 1;
  int32_t dilation_w = 1, dilation_h = 1;
  int32_t depth_multiplier = 1;  // DEPTHWISE_CONV_2D only
  FusedActivation activation = FusedActivation::none;
};

struct PoolOptionsSpec {
  Padding padding = Padding::valid;
  int32_t stride_w = 1, stride_h = 1;
  int32_t filter_w = 1, filter_h = 1;
  FusedActivation activation = FusedActivation::none;
};

OptionsTable conv_2d_options(const ConvOptionsSpec& o);
OptionsTable depthwise_conv_2d_options(const ConvOptionsSpec& o);
OptionsTable pool_2d_options(const PoolOptionsSpec& o);
OptionsTable add_options(FusedActivation activation);
OptionsTable softmax_options(float beta);
OptionsTable reducer_options(bool keep_dims);
OptionsTable concatenation_options(int32_t axis, FusedActivation activation);

}  // namespace tr::workloads
