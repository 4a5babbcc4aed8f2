#include "engine/ops/pool_2d_common.h"

#include "engine/ops/builtin_options.h"
#include "engine/ops/int8_operands.h"
#include "engine/ops/op_checks.h"
#include "engine/quantization.h"
#include "engine/schema.h"

namespace tr::engine {
namespace {

constexpr const char* kTable = "Pool2DOptions";
constexpr int kPaddingSlot = 0, kStrideWSlot = 1, kStrideHSlot = 2, kFilterWSlot = 3,
              kFilterHSlot = 4, kActivationSlot = 5;
// Larger windows could overflow the average's int32 sum (|x| <= 128 per tap).
constexpr int64_t kMaxWindow = int64_t{1} << 24;

Status read_options(PrepareContext& ctx, Pool2dOptions& o) {
  uint8_t padding = 0;
  Status s = read_option<uint8_t>(ctx, schema::kPool2DOptions, kTable, kPaddingSlot, "padding", 0,
                                  padding);
  if (s == Status::ok)
    s = read_option<int32_t>(ctx, schema::kPool2DOptions, kTable, kStrideWSlot, "stride_w", 0,
                             o.stride_w);
  if (s == Status::ok)
    s = read_option<int32_t>(ctx, schema::kPool2DOptions, kTable, kStrideHSlot, "stride_h", 0,
                             o.stride_h);
  if (s == Status::ok) {
    s = read_option<int32_t>(ctx, schema::kPool2DOptions, kTable, kFilterWSlot, "filter_width", 0,
                             o.filter_w);
  }
  if (s == Status::ok) {
    s = read_option<int32_t>(ctx, schema::kPool2DOptions, kTable, kFilterHSlot, "filter_height", 0,
                             o.filter_h);
  }
  if (s == Status::ok)
    s = read_activation_option(ctx, schema::kPool2DOptions, kTable, kActivationSlot, o.activation);
  if (s != Status::ok) return s;
  if (padding > 1) {
    ctx.fail().append("padding ").append_uint(padding).append(" is neither SAME nor VALID");
    return Status::bad_model;
  }
  o.padding = static_cast<Padding>(padding);
  if (o.stride_w < 1 || o.stride_h < 1 || o.filter_w < 1 || o.filter_h < 1) {
    ctx.fail().append("filter ").append_int(o.filter_h).append("x").append_int(o.filter_w);
    ctx.err().append(" and stride ").append_int(o.stride_h).append("x").append_int(o.stride_w);
    ctx.err().append(" must be at least 1 (missing Pool2DOptions?)");
    return Status::bad_model;
  }
  if (int64_t{o.filter_h} * o.filter_w > kMaxWindow) {
    ctx.fail().append("filter window of ").append_int(int64_t{o.filter_h} * o.filter_w);
    ctx.err().append(" taps is larger than the supported 2^24");
    return Status::unsupported;
  }
  return Status::ok;
}

Status check_operands(PrepareContext& ctx, int16_t in, int16_t out) {
  Status s = check_int8_tensor(ctx, "input", in);
  if (s == Status::ok) s = check_int8_tensor(ctx, "output", out);
  if (s != Status::ok) return s;
  const Tensor& ti = ctx.tensor(in);
  const Tensor& to = ctx.tensor(out);
  if (ti.rank != 4 || to.rank != 4) {
    append_shape(ctx.fail().append("input "), ti);
    append_shape(ctx.err().append(" and output "), to);
    ctx.err().append(" must both be rank 4 (NHWC)");
    return Status::bad_model;
  }
  // TFLM: |s_in - s_out| <= 1e-6 (difference in float32) and equal zero points.
  const float delta = ti.scale > to.scale ? ti.scale - to.scale : to.scale - ti.scale;
  if (static_cast<double>(delta) > 1e-6 || ti.zero_point != to.zero_point) {
    ctx.fail().append("input and output quantization differ; pooling does not requantize");
    return Status::bad_model;
  }
  return Status::ok;
}

}  // namespace

bool pool_2d_params(const Pool2dOptions& o, int32_t input_h, int32_t input_w, float output_scale,
                    int32_t output_zero_point, reference::Pool2dParams& p, int32_t& output_h,
                    int32_t& output_w) {
  AxisGeometry gh;
  AxisGeometry gw;
  if (!compute_padding(o.padding, input_h, o.filter_h, o.stride_h, 1, gh) ||
      !compute_padding(o.padding, input_w, o.filter_w, o.stride_w, 1, gw)) {
    return false;
  }
  p = reference::Pool2dParams{};
  p.stride_h = o.stride_h;
  p.stride_w = o.stride_w;
  p.filter_h = o.filter_h;
  p.filter_w = o.filter_w;
  p.pad_top = gh.pad_before;
  p.pad_left = gw.pad_before;
  const ActivationRange range =
      int8_activation_range(o.activation, output_scale, output_zero_point);
  p.act_min = range.min;
  p.act_max = range.max;
  output_h = gh.output;
  output_w = gw.output;
  return true;
}

Status prepare_pool_2d(PrepareContext& ctx) {
  Status s = check_operand_counts(ctx, 1, 1, "needs one input and one output");
  if (s != Status::ok) return s;
  const int16_t in = ctx.node().inputs[0];
  const int16_t out = ctx.node().outputs[0];
  Pool2dOptions options;
  s = check_operands(ctx, in, out);
  if (s == Status::ok) s = read_options(ctx, options);
  if (s != Status::ok) return s;
  const Tensor& ti = ctx.tensor(in);
  const Tensor& to = ctx.tensor(out);
  auto* d = static_cast<Pool2dOpData*>(ctx.allocate_persistent(sizeof(Pool2dOpData)));
  if (d == nullptr) return Status::no_memory;
  *d = Pool2dOpData{};
  int32_t oh = 0;
  int32_t ow = 0;
  if (!pool_2d_params(options, ti.dims[1], ti.dims[2], to.scale, to.zero_point, d->params, oh,
                      ow)) {
    ctx.fail().append("filter ").append_int(options.filter_h).append("x");
    ctx.err().append_int(options.filter_w).append(" does not fit input ");
    append_shape(ctx.err(), ti);
    ctx.err().append(options.padding == Padding::valid ? " with VALID padding" : "");
    return Status::bad_model;
  }
  if (to.dims[0] != ti.dims[0] || to.dims[1] != oh || to.dims[2] != ow ||
      to.dims[3] != ti.dims[3]) {
    append_shape(ctx.fail().append("output shape "), to);
    ctx.err().append(" should be [").append_int(ti.dims[0]).append(", ").append_int(oh);
    ctx.err().append(", ").append_int(ow).append(", ").append_int(ti.dims[3]).append("]");
    return Status::bad_model;
  }
  d->dims = {ti.dims[0], ti.dims[1], ti.dims[2], ti.dims[3], oh, ow};
  ctx.node().op_data = d;
  return Status::ok;
}

}  // namespace tr::engine
