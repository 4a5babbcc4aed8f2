#include "engine/ops/conv_common.h"

#include "engine/ops/op_checks.h"
#include "engine/schema.h"

namespace tr::engine {
namespace {

Status check_operand(PrepareContext& ctx, const char* role, int16_t index, uint8_t type) {
  Status s = check_tensor_type(ctx, role, index, type);
  if (s == Status::ok) s = check_dims_known(ctx, role, index);
  if (s != Status::ok || type != kTypeInt8) return s;
  s = check_int8_quantization(ctx, role, index);
  if (s == Status::ok && ctx.tensor(index).rank != 4) {
    append_shape(ctx.fail().append(role).append(" shape "), ctx.tensor(index));
    ctx.err().append(" is not rank 4");
    return Status::bad_model;
  }
  return s;
}

Status check_at_least_one(PrepareContext& ctx, const char* what, int32_t value) {
  if (value >= 1) return Status::ok;
  ctx.fail().append(what).append(" ").append_int(value).append(" must be at least 1");
  return Status::bad_model;
}

Status check_axis(PrepareContext& ctx, const char* axis, Padding padding, int32_t input,
                  int32_t filter, int32_t stride, int32_t dilation, AxisGeometry& out) {
  if (compute_padding(padding, input, filter, stride, dilation, out)) return Status::ok;
  ctx.fail().append("filter ").append(axis).append(" ").append_int(filter);
  ctx.err().append(" (dilation ").append_int(dilation).append(") does not fit input ");
  ctx.err().append(axis).append(" ").append_int(input);
  if (padding == Padding::valid) ctx.err().append(" with VALID padding");
  return Status::bad_model;
}

}  // namespace

Status check_conv_operands(PrepareContext& ctx, ConvOperands& ops) {
  const OperatorNode& node = ctx.node();
  if (node.input_count < 2 || node.input_count > 3 || node.output_count != 1 ||
      node.inputs[0] < 0 || node.inputs[1] < 0 || node.outputs[0] < 0) {
    ctx.fail().append("needs input, filter, optional bias and one output");
    return Status::bad_model;
  }
  ops.input = node.inputs[0];
  ops.filter = node.inputs[1];
  ops.bias = node.input_count == 3 && node.inputs[2] >= 0 ? node.inputs[2] : kNoTensor;
  ops.output = node.outputs[0];
  Status s = check_operand(ctx, "input", ops.input, kTypeInt8);
  if (s == Status::ok) s = check_operand(ctx, "filter", ops.filter, kTypeInt8);
  if (s == Status::ok) s = check_operand(ctx, "output", ops.output, kTypeInt8);
  if (s == Status::ok && ops.bias >= 0) s = check_operand(ctx, "bias", ops.bias, kTypeInt32);
  return s;
}

Status read_conv_options(PrepareContext& ctx, const ConvOptionSlots& slots, ConvOptions& out) {
  out = ConvOptions{};
  const OperatorNode& node = ctx.node();
  if (node.options_type != slots.options_type || !node.options.present) {
    ctx.fail().append("has no ").append(slots.table).append(" table");
    return Status::bad_model;
  }
  const FlatbufferReader& r = ctx.graph().reader;
  const FbTable& t = node.options;
  const auto i = static_cast<int32_t>(ctx.op_index());
  ErrorText& err = ctx.err();
  uint8_t padding = 0;
  Status s = r.scalar<uint8_t>(t, slots.padding, 0, {slots.table, i, "padding"}, padding, err);
  if (s == Status::ok)
    s = r.scalar<int32_t>(t, slots.stride_w, 0, {slots.table, i, "stride_w"}, out.stride_w, err);
  if (s == Status::ok)
    s = r.scalar<int32_t>(t, slots.stride_h, 0, {slots.table, i, "stride_h"}, out.stride_h, err);
  if (s == Status::ok) {
    s = r.scalar<uint8_t>(t, slots.activation, 0, {slots.table, i, "fused_activation_function"},
                          out.activation, err);
  }
  if (s == Status::ok) {
    s = r.scalar<int32_t>(t, slots.dilation_w, 1, {slots.table, i, "dilation_w_factor"},
                          out.dilation_w, err);
  }
  if (s == Status::ok) {
    s = r.scalar<int32_t>(t, slots.dilation_h, 1, {slots.table, i, "dilation_h_factor"},
                          out.dilation_h, err);
  }
  if (s == Status::ok && slots.depth_multiplier >= 0) {
    s = r.scalar<int32_t>(t, slots.depth_multiplier, 0, {slots.table, i, "depth_multiplier"},
                          out.depth_multiplier, err);
  }
  if (s != Status::ok) return s;
  if (padding > static_cast<uint8_t>(Padding::valid)) {
    ctx.fail().append("padding ").append_uint(padding).append(" is neither SAME nor VALID");
    return Status::bad_model;
  }
  out.padding = static_cast<Padding>(padding);
  if (out.activation > static_cast<uint8_t>(schema::Activation::sign_bit)) {
    ctx.fail().append("fused activation ").append_uint(out.activation).append(" is invalid");
    return Status::bad_model;
  }
  s = check_at_least_one(ctx, "stride_h", out.stride_h);
  if (s == Status::ok) s = check_at_least_one(ctx, "stride_w", out.stride_w);
  if (s == Status::ok) s = check_at_least_one(ctx, "dilation_h_factor", out.dilation_h);
  if (s == Status::ok) s = check_at_least_one(ctx, "dilation_w_factor", out.dilation_w);
  return s;
}

Status prepare_conv_geometry(PrepareContext& ctx, const ConvOptions& options, const Tensor& input,
                             int32_t filter_h, int32_t filter_w, const Tensor& output,
                             int32_t channels, reference::ConvParams& params) {
  AxisGeometry h;
  AxisGeometry w;
  Status s = check_axis(ctx, "height", options.padding, input.dims[1], filter_h, options.stride_h,
                        options.dilation_h, h);
  if (s == Status::ok) {
    s = check_axis(ctx, "width", options.padding, input.dims[2], filter_w, options.stride_w,
                   options.dilation_w, w);
  }
  if (s != Status::ok) return s;
  const int32_t expected[4] = {input.dims[0], h.output, w.output, channels};
  for (int d = 0; d < 4; ++d) {
    if (output.dims[d] == expected[d]) continue;
    append_shape(ctx.fail().append("output shape "), output);
    ctx.err().append(", expected [").append_int(expected[0]);
    for (int k = 1; k < 4; ++k) ctx.err().append(", ").append_int(expected[k]);
    ctx.err().append("]");
    return Status::bad_model;
  }
  params.stride_h = options.stride_h;
  params.stride_w = options.stride_w;
  params.dilation_h = options.dilation_h;
  params.dilation_w = options.dilation_w;
  params.pad_top = h.pad_before;
  params.pad_left = w.pad_before;
  return Status::ok;
}

void prepare_conv_offsets(const Tensor& input, const Tensor& output, uint8_t activation,
                          reference::ConvParams& params) {
  params.input_offset = -input.zero_point;
  params.output_offset = output.zero_point;
  const ActivationRange range = int8_activation_range(activation, output.scale, output.zero_point);
  params.act_min = range.min;
  params.act_max = range.max;
}

bool conv_channel_multiplier(float input_scale, float filter_scale, float output_scale,
                             QuantizedMultiplier& out) {
  const double eff = static_cast<double>(input_scale) * static_cast<double>(filter_scale) /
                     static_cast<double>(output_scale);
  return quantize_multiplier(eff, out) && out.shift <= 30;
}

Status prepare_conv_quantization(PrepareContext& ctx, const ConvOperands& ops, int32_t channels,
                                 int32_t quantized_dimension, reference::PerChannelQuant& quant) {
  const auto count = static_cast<uint32_t>(channels);
  if (ops.bias >= 0 && ctx.tensor(ops.bias).element_count() != count) {
    append_shape(ctx.fail().append("bias shape "), ctx.tensor(ops.bias));
    ctx.err().append(" does not match ").append_int(channels).append(" output channels");
    return Status::bad_model;
  }
  const Tensor& in = ctx.tensor(ops.input);
  const Tensor& filter = ctx.tensor(ops.filter);
  const Tensor& out = ctx.tensor(ops.output);
  const uint32_t scales = filter.scales.count;
  if (scales != 1 && (scales != count || filter.quantized_dimension != quantized_dimension)) {
    ctx.fail().append("filter has ").append_uint(scales).append(" scales along dim ");
    ctx.err().append_int(filter.quantized_dimension).append(", expected 1 or ").append_uint(count);
    ctx.err().append(" along dim ").append_int(quantized_dimension);
    return Status::bad_model;
  }
  auto* multipliers = static_cast<int32_t*>(ctx.allocate_persistent(8u * count));
  if (multipliers == nullptr) return Status::no_memory;
  int32_t* shifts = multipliers + count;
  for (uint32_t c = 0; c < count; ++c) {
    QuantizedMultiplier q;
    if (!conv_channel_multiplier(in.scale, filter.channel_scale(ctx.model(), c), out.scale, q)) {
      ctx.fail().append("channel ").append_uint(c);
      ctx.err().append(" effective scale is not representable (negative, NaN or >= 2^30)");
      return Status::bad_model;
    }
    multipliers[c] = q.multiplier;
    shifts[c] = q.shift;
  }
  quant.multipliers = multipliers;
  quant.shifts = shifts;
  return Status::ok;
}

Status check_conv_accum_depth(PrepareContext& ctx, int64_t depth) {
  if (depth <= reference::kMaxConvAccumDepth) return Status::ok;
  ctx.fail().append("filter window of ").append_int(depth).append(" taps exceeds ");
  ctx.err().append_int(reference::kMaxConvAccumDepth);
  return Status::unsupported;
}

Status prepare_conv_params(PrepareContext& ctx, const ConvOperands& ops, const ConvOptions& options,
                           int32_t filter_h, int32_t filter_w, int32_t channels,
                           int32_t quantized_dimension, reference::ConvParams& params,
                           reference::PerChannelQuant& quant) {
  const Tensor& in = ctx.tensor(ops.input);
  const Tensor& out = ctx.tensor(ops.output);
  Status s = prepare_conv_geometry(ctx, options, in, filter_h, filter_w, out, channels, params);
  if (s == Status::ok)
    s = prepare_conv_quantization(ctx, ops, channels, quantized_dimension, quant);
  if (s != Status::ok) return s;
  prepare_conv_offsets(in, out, options.activation, params);
  return Status::ok;
}

}  // namespace tr::engine
