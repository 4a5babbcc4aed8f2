// Memory an optimized kernel may ask for beyond its operands: per-op data computed once at
// prepare (folded biases, reordered weights) and a scratch block that lives for one eval
// (im2col columns, widened inputs). The arena planner places the scratch like a tensor whose
// lifetime is the one operator, so scratch of different operators shares memory.
#pragma once

namespace tr::engine {

struct KernelBuffers {
  void* persistent = nullptr;  // the block the kernel's *_persistent_bytes asked for, or nullptr
  void* scratch = nullptr;     // the block the kernel's *_scratch_bytes asked for, or nullptr
};

}  // namespace tr::engine
