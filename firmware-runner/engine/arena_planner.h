// Offline arena planning over buffer lifetimes. Greedy by size (the idea behind TFLM's
// GreedyMemoryPlanner): the largest buffer is placed first, each buffer at the lowest 16-byte
// aligned offset that does not overlap any already placed buffer whose lifetime overlaps its
// own. Lifetimes are inclusive operator-index ranges.
#pragma once

#include <cstdint>

namespace tr::engine {

constexpr uint32_t kArenaAlignment = 16;
constexpr uint32_t kMaxPlanBuffers = 256;  // every tensor plus one scratch block per operator

struct PlanBuffer {
  uint32_t size = 0;
  int32_t first_use = 0;
  int32_t last_use = 0;
  uint32_t offset = 0;  // output
};

// Assigns every buffer's offset and returns the peak (highest end offset, 16-byte rounded).
// count must be <= kMaxPlanBuffers.
uint64_t plan_greedy(PlanBuffer* buffers, uint32_t count);

}  // namespace tr::engine
