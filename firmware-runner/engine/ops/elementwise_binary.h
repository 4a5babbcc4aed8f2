// Prepare and eval shared by the two-input int8 element-wise ops (ADD, MUL): the same operand
// checks, fused-activation option, broadcast shape and op data; only the params math and the
// kernel differ, so each op passes those in.
#pragma once

#include <cstdint>

#include "engine/kernels/reference/broadcast_shape.h"
#include "engine/op_registry.h"
#include "engine/ops/broadcast.h"

namespace tr::engine {

// Where the op's options table lives, for reading its fused_activation_function field.
struct BinaryOptionSlots {
  uint8_t options_type;  // BuiltinOptions union id
  const char* table;     // schema table name, for errors
  int activation;        // fused_activation_function slot
};

// The params computation of an op (add_params, mul_params): false when not representable.
template <typename Params>
using BinaryParamsFn = bool (*)(float scale1, int32_t zero_point1, float scale2,
                                int32_t zero_point2, float output_scale, int32_t output_zero_point,
                                uint8_t activation, Params& out);

template <typename Params>
using BinaryKernelFn = void (*)(const Params& params, const reference::BroadcastShape& shape,
                                const int8_t* input1, const int8_t* input2, int8_t* output);

template <typename Params>
struct BinaryOpData {
  Params params;
  reference::BroadcastShape shape;
};

// Two present inputs and one output, all int8 with known dims and affine quantization, and the
// fused activation (default NONE when the options table is absent).
Status check_binary_operands(PrepareContext& ctx, const BinaryOptionSlots& slots,
                             uint8_t& activation);

// Fills the context's error with `params_error` and returns bad_model.
Status fail_binary_params(PrepareContext& ctx, const char* params_error);

// The whole prepare of a binary op: checks, op data, broadcast shape, then make_params on the
// three tensors' quantization; `params_error` names why make_params can fail.
template <typename Params>
Status prepare_elementwise_binary(PrepareContext& ctx, const BinaryOptionSlots& slots,
                                  BinaryParamsFn<Params> make_params, const char* params_error) {
  uint8_t activation = 0;
  Status s = check_binary_operands(ctx, slots, activation);
  if (s != Status::ok) return s;
  const OperatorNode& node = ctx.node();
  const int16_t a = node.inputs[0];
  const int16_t b = node.inputs[1];
  const int16_t out = node.outputs[0];
  auto* d =
      static_cast<BinaryOpData<Params>*>(ctx.allocate_persistent(sizeof(BinaryOpData<Params>)));
  if (d == nullptr) return Status::no_memory;
  *d = BinaryOpData<Params>{};
  s = prepare_broadcast(ctx, a, b, out, d->shape);
  if (s != Status::ok) return s;
  const Tensor& ta = ctx.tensor(a);
  const Tensor& tb = ctx.tensor(b);
  const Tensor& to = ctx.tensor(out);
  if (!make_params(ta.scale, ta.zero_point, tb.scale, tb.zero_point, to.scale, to.zero_point,
                   activation, d->params)) {
    return fail_binary_params(ctx, params_error);
  }
  ctx.node().op_data = d;
  return Status::ok;
}

template <typename Params, BinaryKernelFn<Params> Kernel>
Status eval_elementwise_binary(Graph& graph, const OperatorNode& node, ErrorText&) {
  const auto* d = static_cast<const BinaryOpData<Params>*>(node.op_data);
  const auto* x1 = reinterpret_cast<const int8_t*>(graph.tensors[node.inputs[0]].read_data());
  const auto* x2 = reinterpret_cast<const int8_t*>(graph.tensors[node.inputs[1]].read_data());
  auto* y = reinterpret_cast<int8_t*>(graph.tensors[node.outputs[0]].data);
  Kernel(d->params, d->shape, x1, x2, y);
  return Status::ok;
}

}  // namespace tr::engine
