#include "engine/arena_planner.h"

namespace tr::engine {
namespace {

uint64_t align_up(uint64_t v) {
  return (v + kArenaAlignment - 1) & ~uint64_t{kArenaAlignment - 1};
}

bool lifetimes_overlap(const PlanBuffer& a, const PlanBuffer& b) {
  return a.first_use <= b.last_use && b.first_use <= a.last_use;
}

// Stable insertion sort of indices: larger size first, then earlier first use.
void sort_by_size(const PlanBuffer* buffers, uint32_t count, uint16_t* order) {
  for (uint32_t i = 0; i < count; ++i) {
    uint32_t j = i;
    const PlanBuffer& b = buffers[i];
    while (j > 0) {
      const PlanBuffer& prev = buffers[order[j - 1]];
      const bool before =
          b.size > prev.size || (b.size == prev.size && b.first_use < prev.first_use);
      if (!before) break;
      order[j] = order[j - 1];
      --j;
    }
    order[j] = static_cast<uint16_t>(i);
  }
}

}  // namespace

uint64_t plan_greedy(PlanBuffer* buffers, uint32_t count) {
  if (count > kMaxPlanBuffers) return UINT64_MAX;
  uint16_t order[kMaxPlanBuffers];
  sort_by_size(buffers, count, order);
  uint64_t peak = 0;
  uint16_t live[kMaxPlanBuffers];  // placed buffers overlapping in time, by offset
  for (uint32_t k = 0; k < count; ++k) {
    PlanBuffer& b = buffers[order[k]];
    uint32_t n = 0;
    for (uint32_t p = 0; p < k; ++p) {
      const PlanBuffer& other = buffers[order[p]];
      if (!lifetimes_overlap(b, other) || other.size == 0) continue;
      uint32_t j = n++;
      while (j > 0 && buffers[live[j - 1]].offset > other.offset) {
        live[j] = live[j - 1];
        --j;
      }
      live[j] = order[p];
    }
    // First gap (in offset order) wide enough for b.
    uint64_t candidate = 0;
    const uint64_t size = align_up(b.size);
    for (uint32_t j = 0; j < n; ++j) {
      const PlanBuffer& other = buffers[live[j]];
      if (candidate + size <= other.offset) break;
      const uint64_t end = align_up(static_cast<uint64_t>(other.offset) + other.size);
      if (end > candidate) candidate = end;
    }
    b.offset = static_cast<uint32_t>(candidate);
    if (candidate + size > peak) peak = candidate + size;
  }
  return peak;
}

}  // namespace tr::engine
