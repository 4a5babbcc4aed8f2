// Prepare-time steps shared by CONV_2D and DEPTHWISE_CONV_2D (the role of TFLM's
// conv_common.cc): operand checks, reading the options table, output geometry, offsets and
// clamp bounds, and the per-channel requantization multipliers (int8-quantization.md §4-§7).
// Every failure fills the context's error ("operator 3 (CONV_2D): ...") and returns its status.
#pragma once

#include <cstdint>

#include "engine/kernels/reference/conv_2d_s8.h"
#include "engine/op_registry.h"
#include "engine/ops/conv_geometry.h"
#include "engine/quantization.h"

namespace tr::engine {

struct ConvOperands {
  int16_t input = kNoTensor;
  int16_t filter = kNoTensor;
  int16_t bias = kNoTensor;  // kNoTensor when absent (input index -1 or only two inputs)
  int16_t output = kNoTensor;
};

// Input, filter, optional bias, one output: int8/int8/int32/int8, every dimension known,
// input/filter/output rank 4 with affine int8 quantization.
Status check_conv_operands(PrepareContext& ctx, ConvOperands& ops);

// Where the fields live in Conv2DOptions and DepthwiseConv2DOptions (tflite-format.md §2.2).
struct ConvOptionSlots {
  uint8_t options_type;  // BuiltinOptions union id
  const char* table;     // schema table name, for errors
  int padding, stride_w, stride_h, activation, dilation_w, dilation_h;
  int depth_multiplier;  // -1: the table has none
};

struct ConvOptions {
  Padding padding = Padding::same;
  int32_t stride_h = 0;
  int32_t stride_w = 0;
  int32_t dilation_h = 1;
  int32_t dilation_w = 1;
  uint8_t activation = 0;
  int32_t depth_multiplier = 0;
};

// Reads and validates the options table: it must be present, padding SAME or VALID, strides and
// dilations >= 1, a known fused activation.
Status read_conv_options(PrepareContext& ctx, const ConvOptionSlots& slots, ConvOptions& out);

// Fills stride, dilation and padding of `params` (§5) for an NHWC input and a filter_h x
// filter_w window, and checks that `output` is [batches, O_h, O_w, channels].
Status prepare_conv_geometry(PrepareContext& ctx, const ConvOptions& options, const Tensor& input,
                             int32_t filter_h, int32_t filter_w, const Tensor& output,
                             int32_t channels, reference::ConvParams& params);

// Offsets and fused-activation clamp (§4) from the input and output quantization.
void prepare_conv_offsets(const Tensor& input, const Tensor& output, uint8_t activation,
                          reference::ConvParams& params);

// eff = (double)s_in * (double)s_w / (double)s_out, then QuantizeMultiplier (§6: double
// product, double division). False when eff is negative, NaN, infinite or needs a left shift
// above 30 (MBQM's range).
bool conv_channel_multiplier(float input_scale, float filter_scale, float output_scale,
                             QuantizedMultiplier& out);

// Checks the bias ([channels] int32) and the filter's scales (1, or `channels` along
// `quantized_dimension`), then computes one multiplier/shift per channel into persistent
// memory.
Status prepare_conv_quantization(PrepareContext& ctx, const ConvOperands& ops, int32_t channels,
                                 int32_t quantized_dimension, reference::PerChannelQuant& quant);

// A filter window of `depth` taps per output fits reference::kMaxConvAccumDepth (else
// unsupported).
Status check_conv_accum_depth(PrepareContext& ctx, int64_t depth);

// Everything after the op's own channel checks: geometry (prepare_conv_geometry), per-channel
// quantization (prepare_conv_quantization), then offsets and clamp (prepare_conv_offsets).
Status prepare_conv_params(PrepareContext& ctx, const ConvOperands& ops, const ConvOptions& options,
                           int32_t filter_h, int32_t filter_w, int32_t channels,
                           int32_t quantized_dimension, reference::ConvParams& params,
                           reference::PerChannelQuant& quant);

}  // namespace tr::engine
