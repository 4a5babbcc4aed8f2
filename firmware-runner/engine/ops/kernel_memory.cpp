#include "engine/ops/kernel_memory.h"

namespace tr::engine {

Status reserve_kernel_memory(PrepareContext& ctx, uint32_t persistent_bytes, uint32_t scratch_bytes,
                             void*& persistent) {
  persistent = nullptr;
  if (persistent_bytes > 0) {
    persistent = ctx.allocate_persistent(persistent_bytes);
    if (persistent == nullptr) return Status::no_memory;
  }
  ctx.request_scratch(scratch_bytes);
  return Status::ok;
}

}  // namespace tr::engine
