// Prepare-time plumbing between an op and the build's kernel set: the set's persistent block is
// allocated with the op's other per-op data, its scratch is recorded for the arena plan.
#pragma once

#include <cstdint>

#include "common/status.h"
#include "engine/kernels/kernel_buffers.h"
#include "engine/op_registry.h"
#include "engine/ops/filter_buffers.h"

namespace tr::engine {

// Allocates `persistent_bytes` (none when 0) into `persistent` and asks for `scratch_bytes`.
Status reserve_kernel_memory(PrepareContext& ctx, uint32_t persistent_bytes, uint32_t scratch_bytes,
                             void*& persistent);

// The kernel set's side of a filtered op's prepare (CONV_2D, DEPTHWISE_CONV_2D,
// FULLY_CONNECTED): reserve the set's memory for these parameters, then let it fill its
// persistent block from the constant filter and bias.
template <typename Params, typename Dims>
Status prepare_kernel(PrepareContext& ctx, const Params& params, const Dims& dims,
                      uint32_t (*persistent_bytes)(const Params&, const Dims&),
                      uint32_t (*scratch_bytes)(const Params&, const Dims&),
                      void (*prepare)(const Params&, const Dims&, const int8_t*, const int32_t*,
                                      void*),
                      void*& persistent) {
  const Status s = reserve_kernel_memory(ctx, persistent_bytes(params, dims),
                                         scratch_bytes(params, dims), persistent);
  if (s != Status::ok) return s;
  const FilterBuffers b = filter_buffers(ctx.graph(), ctx.node());
  prepare(params, dims, b.filter, b.bias, persistent);
  return Status::ok;
}

// The blocks an eval passes to the kernel.
inline KernelBuffers kernel_buffers(void* persistent, const OperatorNode& node) {
  return KernelBuffers{persistent, node.scratch};
}

}  // namespace tr::engine
