#include "engine/ops/conv_2d.h"

#include "engine/kernels/selected_kernels.h"
#include "engine/ops/conv_common.h"
#include "engine/ops/filter_buffers.h"
#include "engine/ops/kernel_memory.h"
#include "engine/ops/op_checks.h"
#include "engine/schema.h"

namespace tr::engine {
namespace {

constexpr int32_t kFilterQuantizedDim = 0;  // per-channel scales run along output channels

// Conv2DOptions slots (tflite-format.md §2.2); no depth multiplier.
constexpr ConvOptionSlots kSlots{schema::kConv2DOptions, "Conv2DOptions", 0, 1, 2, 3, 4, 5, -1};

struct OpData {
  reference::ConvParams params;
  reference::PerChannelQuant quant;
  reference::ConvDims dims;
  void* kernel = nullptr;  // the kernel set's per-op block
};

// Filter [C_out, KH, KW, C_f] against input [N, H, W, C_in]: C_in = groups * C_f and
// C_out a multiple of groups.
Status check_channels(PrepareContext& ctx, const Tensor& in, const Tensor& filter,
                      reference::ConvDims& dims) {
  dims.batches = in.dims[0];
  dims.input_h = in.dims[1];
  dims.input_w = in.dims[2];
  dims.input_c = in.dims[3];
  dims.output_c = filter.dims[0];
  dims.filter_h = filter.dims[1];
  dims.filter_w = filter.dims[2];
  dims.filter_c = filter.dims[3];
  if (dims.output_c < 1 || dims.filter_h < 1 || dims.filter_w < 1 || dims.filter_c < 1 ||
      dims.input_c < 1 || dims.batches < 1) {
    append_shape(ctx.fail().append("filter "), filter);
    append_shape(ctx.err().append(" or input "), in);
    ctx.err().append(" has an empty dimension");
    return Status::bad_model;
  }
  if (dims.input_c % dims.filter_c != 0 || dims.output_c % (dims.input_c / dims.filter_c) != 0) {
    ctx.fail().append("input channels ").append_int(dims.input_c).append(", filter channels ");
    ctx.err().append_int(dims.filter_c).append(" and output channels ");
    ctx.err().append_int(dims.output_c).append(" do not form whole groups");
    return Status::bad_model;
  }
  const int64_t depth = int64_t{dims.filter_h} * dims.filter_w * dims.filter_c;
  return check_conv_accum_depth(ctx, depth);
}

Status prepare(PrepareContext& ctx) {
  ConvOperands ops;
  ConvOptions options;
  Status s = check_conv_operands(ctx, ops);
  if (s == Status::ok) s = read_conv_options(ctx, kSlots, options);
  if (s != Status::ok) return s;
  auto* d = static_cast<OpData*>(ctx.allocate_persistent(sizeof(OpData)));
  if (d == nullptr) return Status::no_memory;
  *d = OpData{};
  const Tensor& in = ctx.tensor(ops.input);
  const Tensor& out = ctx.tensor(ops.output);
  s = check_channels(ctx, in, ctx.tensor(ops.filter), d->dims);
  if (s == Status::ok) {
    s = prepare_conv_params(ctx, ops, options, d->dims.filter_h, d->dims.filter_w, d->dims.output_c,
                            kFilterQuantizedDim, d->params, d->quant);
  }
  if (s != Status::ok) return s;
  d->dims.output_h = out.dims[1];
  d->dims.output_w = out.dims[2];
  s = prepare_kernel(ctx, d->params, d->dims, kernels::conv_2d_s8_persistent_bytes,
                     kernels::conv_2d_s8_scratch_bytes, kernels::conv_2d_s8_prepare, d->kernel);
  if (s != Status::ok) return s;
  ctx.node().op_data = d;
  return Status::ok;
}

Status eval(Graph& graph, const OperatorNode& node, ErrorText&) {
  const auto* d = static_cast<const OpData*>(node.op_data);
  const FilterBuffers b = filter_buffers(graph, node);
  kernels::conv_2d_s8(d->params, d->quant, d->dims, b.input, b.filter, b.bias, b.output,
                      kernel_buffers(d->kernel, node));
  return Status::ok;
}

constexpr OpRegistration kRegistration{schema::kOpConv2D, prepare, eval};

}  // namespace

const OpRegistration& register_conv_2d() {
  return kRegistration;
}

}  // namespace tr::engine
