#include "engine/ops/builtin_options.h"

#include "engine/schema.h"

namespace tr::engine {

Status read_activation_option(PrepareContext& ctx, uint8_t union_id, const char* table, int slot,
                              uint8_t& out) {
  Status s = read_option<uint8_t>(ctx, union_id, table, slot, "fused_activation_function", 0, out);
  if (s != Status::ok) return s;
  if (out > static_cast<uint8_t>(schema::Activation::sign_bit)) {
    ctx.fail().append("fused activation ").append_uint(out).append(" is invalid");
    return Status::bad_model;
  }
  return Status::ok;
}

}  // namespace tr::engine
