// Reading one field of an operator's builtin options table. When the node's options union holds
// no table or a table of another type, every field reads as its schema default (what TFLM's
// parser does); a present field is bounds-checked by the flatbuffer reader.
#pragma once

#include <cstdint>

#include "engine/op_registry.h"

namespace tr::engine {

// `out` = the field at `slot` of the `table` options (union id `union_id`), or `def`.
template <typename T>
Status read_option(PrepareContext& ctx, uint8_t union_id, const char* table, int slot,
                   const char* field, T def, T& out) {
  out = def;
  const OperatorNode& node = ctx.node();
  if (node.options_type != union_id || !node.options.present) return Status::ok;
  const FbWhere where{table, static_cast<int32_t>(ctx.op_index()), field};
  return ctx.graph().reader.scalar<T>(node.options, slot, def, where, out, ctx.err());
}

// The fused_activation_function field (default NONE); values above SIGN_BIT (5) are rejected.
Status read_activation_option(PrepareContext& ctx, uint8_t union_id, const char* table, int slot,
                              uint8_t& out);

}  // namespace tr::engine
