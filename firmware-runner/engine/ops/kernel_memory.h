// Prepare-time plumbing between an op and the build's kernel set: the set's persistent block is
// allocated with the op's other per-op data, its scratch is recorded for the arena plan.
#pragma once

#include <cstdint>

#include "common/status.h"
#include "engine/kernels/kernel_buffers.h"
#include "engine/op_registry.h"

namespace tr::engine {

// Allocates `persistent_bytes` (none when 0) into `persistent` and asks for `scratch_bytes`.
Status reserve_kernel_memory(PrepareContext& ctx, uint32_t persistent_bytes, uint32_t scratch_bytes,
                             void*& persistent);

// The blocks an eval passes to the kernel.
inline KernelBuffers kernel_buffers(void* persistent, const OperatorNode& node) {
  return KernelBuffers{persistent, node.scratch};
}

}  // namespace tr::engine
