#include "engine/ops/fully_connected.h"

#include <cmath>

#include "engine/kernels/selected_kernels.h"
#include "engine/ops/filter_buffers.h"
#include "engine/ops/kernel_memory.h"
#include "engine/ops/op_checks.h"
#include "engine/quantization.h"
#include "engine/schema.h"

namespace tr::engine {
namespace {

constexpr int32_t kMaxAccumDepth = 32768;  // keeps the int32 dot product from overflowing

struct OpData {
  reference::FullyConnectedParams params;
  reference::FullyConnectedDims dims;
  int32_t* multipliers = nullptr;  // per-channel weights only
  int32_t* shifts = nullptr;
  void* kernel = nullptr;  // the kernel set's per-op block
};

struct Options {
  uint8_t activation = 0;
  uint8_t weights_format = 0;
  uint8_t keep_num_dims = 0;
};

struct Operands {
  int16_t input, weights, bias, output;  // bias may be kNoTensor
};

// FullyConnectedOptions, or zeros when the union is absent or of another type (TFLM rule).
Status read_options(PrepareContext& ctx, Options& out) {
  out = Options{};
  const OperatorNode& node = ctx.node();
  if (node.options_type != schema::kFullyConnectedOptions || !node.options.present) {
    return Status::ok;
  }
  namespace f = schema::fully_connected_options;
  const FlatbufferReader& r = ctx.graph().reader;
  const auto i = static_cast<int32_t>(ctx.op_index());
  const FbWhere w{"FullyConnectedOptions of operator", i, nullptr};
  Status s = r.scalar<uint8_t>(node.options, f::kFusedActivation, 0, w, out.activation, ctx.err());
  if (s == Status::ok)
    s = r.scalar<uint8_t>(node.options, f::kWeightsFormat, 0, w, out.weights_format, ctx.err());
  if (s == Status::ok)
    s = r.scalar<uint8_t>(node.options, f::kKeepNumDims, 0, w, out.keep_num_dims, ctx.err());
  if (s != Status::ok) return s;
  if (out.weights_format != 0) {
    ctx.fail().append("shuffled weights format is not supported");
    return Status::unsupported;
  }
  if (out.activation > static_cast<uint8_t>(schema::Activation::sign_bit)) {
    ctx.fail().append("fused activation ").append_uint(out.activation).append(" is invalid");
    return Status::bad_model;
  }
  return Status::ok;
}

Status check_operands(PrepareContext& ctx, Operands& ops) {
  const OperatorNode& node = ctx.node();
  if (node.input_count < 2 || node.input_count > 3 || node.output_count != 1 ||
      node.inputs[0] < 0 || node.inputs[1] < 0) {
    ctx.fail().append("needs input, weights, optional bias and one output");
    return Status::bad_model;
  }
  ops = {node.inputs[0], node.inputs[1], node.input_count == 3 ? node.inputs[2] : kNoTensor,
         node.outputs[0]};
  const struct {
    const char* role;
    int16_t index;
    uint8_t type;
  } checks[] = {{"input", ops.input, kTypeInt8},
                {"weights", ops.weights, kTypeInt8},
                {"output", ops.output, kTypeInt8},
                {"bias", ops.bias, kTypeInt32}};
  for (const auto& c : checks) {
    if (c.index < 0) continue;
    Status s = check_tensor_type(ctx, c.role, c.index, c.type);
    if (s == Status::ok) s = check_dims_known(ctx, c.role, c.index);
    if (s == Status::ok && c.type == kTypeInt8) s = check_int8_quantization(ctx, c.role, c.index);
    if (s != Status::ok) return s;
  }
  return Status::ok;
}

Status check_shapes(PrepareContext& ctx, const Operands& ops, bool keep_num_dims,
                    reference::FullyConnectedDims& dims) {
  const Tensor& in = ctx.tensor(ops.input);
  const Tensor& w = ctx.tensor(ops.weights);
  const Tensor& out = ctx.tensor(ops.output);
  if (w.rank != 2 || w.dims[0] <= 0 || w.dims[1] <= 0) {
    append_shape(ctx.fail().append("weights shape "), w);
    ctx.err().append(" is not a non-empty [out, in] matrix");
    return Status::bad_model;
  }
  dims.output_depth = w.dims[0];
  dims.accum_depth = w.dims[1];
  if (dims.accum_depth > kMaxAccumDepth) {
    ctx.fail().append("accumulation depth ").append_int(dims.accum_depth);
    ctx.err().append(" exceeds ").append_int(kMaxAccumDepth);
    return Status::unsupported;
  }
  if (out.rank == 0 || out.dims[out.rank - 1] != dims.output_depth) {
    append_shape(ctx.fail().append("output shape "), out);
    ctx.err().append(" must end in the weights' ").append_int(dims.output_depth).append(" rows");
    return Status::bad_model;
  }
  dims.batches =
      static_cast<int32_t>(out.element_count() / static_cast<uint32_t>(dims.output_depth));
  const uint64_t expected =
      static_cast<uint64_t>(dims.batches) * static_cast<uint32_t>(dims.accum_depth);
  if (in.element_count() != expected || (keep_num_dims && in.rank != out.rank)) {
    append_shape(ctx.fail().append("input shape "), in);
    append_shape(ctx.err().append(" does not fit weights "), w);
    append_shape(ctx.err().append(" and output "), out);
    return Status::bad_model;
  }
  if (ops.bias >= 0 &&
      ctx.tensor(ops.bias).element_count() != static_cast<uint32_t>(dims.output_depth)) {
    append_shape(ctx.fail().append("bias shape "), ctx.tensor(ops.bias));
    ctx.err().append(" does not match ").append_int(dims.output_depth).append(" outputs");
    return Status::bad_model;
  }
  return Status::ok;
}

Status store_multiplier(PrepareContext& ctx, double real, int32_t& multiplier, int32_t& shift) {
  QuantizedMultiplier q;
  if (!quantize_multiplier(real, q) || q.shift > 30) {
    ctx.fail().append("effective output scale is not representable (negative, NaN or >= 2^30)");
    return Status::bad_model;
  }
  multiplier = q.multiplier;
  shift = q.shift;
  return Status::ok;
}

// Per-channel: double product (like conv). Weight zero points are ignored.
Status prepare_per_channel(PrepareContext& ctx, const Operands& ops, OpData& d) {
  const Tensor& in = ctx.tensor(ops.input);
  const Tensor& w = ctx.tensor(ops.weights);
  const Tensor& out = ctx.tensor(ops.output);
  const auto channels = static_cast<uint32_t>(d.dims.output_depth);
  if (w.scales.count != channels || w.quantized_dimension != 0) {
    ctx.fail().append("weights have ").append_uint(w.scales.count).append(" scales along dim ");
    ctx.err().append_int(w.quantized_dimension).append(", expected 1 or ").append_uint(channels);
    ctx.err().append(" along dim 0");
    return Status::bad_model;
  }
  d.multipliers = static_cast<int32_t*>(ctx.allocate_persistent(8u * channels));
  if (d.multipliers == nullptr) return Status::no_memory;
  d.shifts = d.multipliers + channels;
  for (uint32_t c = 0; c < channels; ++c) {
    const double real = static_cast<double>(in.scale) *
                        static_cast<double>(w.channel_scale(ctx.model(), c)) /
                        static_cast<double>(out.scale);
    Status s = store_multiplier(ctx, real, d.multipliers[c], d.shifts[c]);
    if (s != Status::ok) return s;
  }
  return Status::ok;
}

// Per-tensor: float32 product s_in * s_w, then a double division (int8-quantization.md §8).
Status prepare_per_tensor(PrepareContext& ctx, const Operands& ops, OpData& d) {
  const Tensor& in = ctx.tensor(ops.input);
  const Tensor& w = ctx.tensor(ops.weights);
  const Tensor& out = ctx.tensor(ops.output);
  const float product = in.scale * w.scale;
  if (ops.bias >= 0) {
    const Tensor& bias = ctx.tensor(ops.bias);
    const double bias_scale = bias.quantized ? static_cast<double>(bias.scale) : 0.0;
    const double diff = std::fabs(static_cast<double>(product) - bias_scale);
    if (!(diff / static_cast<double>(out.scale) <= 0.02)) {
      ctx.fail().append("bias scale differs from input scale * weights scale (TFLM rule)");
      return Status::bad_model;
    }
  }
  d.params.weights_offset = -w.zero_point;
  return store_multiplier(ctx, static_cast<double>(product) / static_cast<double>(out.scale),
                          d.params.multiplier, d.params.shift);
}

Status prepare(PrepareContext& ctx) {
  Operands ops{};
  Options options;
  Status s = check_operands(ctx, ops);
  if (s == Status::ok) s = read_options(ctx, options);
  if (s != Status::ok) return s;
  auto* d = static_cast<OpData*>(ctx.allocate_persistent(sizeof(OpData)));
  if (d == nullptr) return Status::no_memory;
  *d = OpData{};
  s = check_shapes(ctx, ops, options.keep_num_dims != 0, d->dims);
  if (s != Status::ok) return s;
  const Tensor& out = ctx.tensor(ops.output);
  d->params.input_offset = -ctx.tensor(ops.input).zero_point;
  d->params.output_offset = out.zero_point;
  const ActivationRange range =
      int8_activation_range(options.activation, out.scale, out.zero_point);
  d->params.act_min = range.min;
  d->params.act_max = range.max;
  const bool per_channel = ctx.tensor(ops.weights).scales.count > 1;
  s = per_channel ? prepare_per_channel(ctx, ops, *d) : prepare_per_tensor(ctx, ops, *d);
  if (s == Status::ok) {
    s = prepare_kernel(ctx, d->params, d->dims, kernels::fully_connected_s8_persistent_bytes,
                       kernels::fully_connected_s8_scratch_bytes,
                       kernels::fully_connected_s8_prepare, d->kernel);
  }
  if (s != Status::ok) return s;
  ctx.node().op_data = d;
  return Status::ok;
}

Status eval(Graph& graph, const OperatorNode& node, ErrorText&) {
  const auto* d = static_cast<const OpData*>(node.op_data);
  const FilterBuffers b = filter_buffers(graph, node);
  const KernelBuffers buffers = kernel_buffers(d->kernel, node);
  if (d->multipliers != nullptr) {
    kernels::fully_connected_per_channel_s8(d->params, d->multipliers, d->shifts, d->dims, b.input,
                                            b.filter, b.bias, b.output, buffers);
  } else {
    kernels::fully_connected_s8(d->params, d->dims, b.input, b.filter, b.bias, b.output, buffers);
  }
  return Status::ok;
}

constexpr OpRegistration kRegistration{schema::kOpFullyConnected, prepare, eval};

}  // namespace

const OpRegistration& register_fully_connected() {
  return kRegistration;
}

}  // namespace tr::engine
