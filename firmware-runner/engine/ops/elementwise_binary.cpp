#include "engine/ops/elementwise_binary.h"

#include "engine/ops/builtin_options.h"
#include "engine/ops/int8_operands.h"

namespace tr::engine {

Status check_binary_operands(PrepareContext& ctx, const BinaryOptionSlots& slots,
                             uint8_t& activation) {
  activation = 0;
  Status s = check_operand_counts(ctx, 2, 2, "needs two inputs and one output");
  if (s != Status::ok) return s;
  const OperatorNode& node = ctx.node();
  s = check_int8_tensor(ctx, "input 1", node.inputs[0]);
  if (s == Status::ok) s = check_int8_tensor(ctx, "input 2", node.inputs[1]);
  if (s == Status::ok) s = check_int8_tensor(ctx, "output", node.outputs[0]);
  if (s == Status::ok) {
    s = read_activation_option(ctx, slots.options_type, slots.table, slots.activation, activation);
  }
  return s;
}

Status fail_binary_params(PrepareContext& ctx, const char* params_error) {
  ctx.fail().append(params_error);
  return Status::bad_model;
}

}  // namespace tr::engine
