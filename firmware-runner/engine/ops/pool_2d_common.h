// Prepare shared by AVERAGE_POOL_2D and MAX_POOL_2D (the role of TFLM's pooling_common.cc):
// Pool2DOptions (tflite-format.md §2.2), SAME/VALID geometry (int8-quantization.md §5), the
// equal-quantization rule and the fused-activation clamp (§4, §9-§10).
#pragma once

#include <cstdint>

#include "engine/kernels/reference/pool_2d_params.h"
#include "engine/op_registry.h"
#include "engine/ops/conv_geometry.h"

namespace tr::engine {

struct Pool2dOptions {
  Padding padding = Padding::same;
  int32_t stride_w = 0;
  int32_t stride_h = 0;
  int32_t filter_w = 0;
  int32_t filter_h = 0;
  uint8_t activation = 0;
};

// Per-op data of both pooling ops.
struct Pool2dOpData {
  reference::Pool2dParams params;
  reference::Pool2dDims dims;
};

// Prepare math, also used by tests: strides, filter, padding and clamp for an input of
// input_h x input_w; output_h/output_w get the output size. False when the options are invalid
// (sizes < 1, unknown padding) or the window does not fit (VALID with a filter larger than the
// input).
bool pool_2d_params(const Pool2dOptions& options, int32_t input_h, int32_t input_w,
                    float output_scale, int32_t output_zero_point, reference::Pool2dParams& params,
                    int32_t& output_h, int32_t& output_w);

// Reads and checks everything, stores a Pool2dOpData in the node's op_data.
Status prepare_pool_2d(PrepareContext& ctx);

using Pool2dKernelFn = void (*)(const reference::Pool2dParams& params,
                                const reference::Pool2dDims& dims, const int8_t* input,
                                int8_t* output);

// The eval of both pooling ops: runs Kernel on the node's input and output.
template <Pool2dKernelFn Kernel>
Status eval_pool_2d(Graph& graph, const OperatorNode& node, ErrorText&) {
  const auto* d = static_cast<const Pool2dOpData*>(node.op_data);
  const auto* x = reinterpret_cast<const int8_t*>(graph.tensors[node.inputs[0]].read_data());
  auto* y = reinterpret_cast<int8_t*>(graph.tensors[node.outputs[0]].data);
  Kernel(d->params, d->dims, x, y);
  return Status::ok;
}

}  // namespace tr::engine
