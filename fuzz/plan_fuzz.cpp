// libFuzzer target for the arena planner alone, with an oracle rather than "no crash": every
// fuzzed buffer list must get 16-byte aligned offsets, no two buffers live at the same time
// may overlap, and the peak must lie between the largest simultaneous live total (no plan can
// do better) and the sum of all buffers (the trivial plan).
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "engine/arena_planner.h"

namespace {

using tr::engine::PlanBuffer;

constexpr uint32_t kRecordBytes = 6;  // size: u32 (masked), first use: u8, lifetime: u8
constexpr uint64_t kAlign = tr::engine::kArenaAlignment;

void check(bool ok, const char* what, uint32_t a, uint32_t b) {
  if (ok) return;
  std::fprintf(stderr, "plan_fuzz: %s (buffers %u, %u)\n", what, a, b);
  std::abort();
}

uint64_t aligned(uint64_t v) {
  return (v + kAlign - 1) / kAlign * kAlign;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  // The first byte picks the size range, so small arenas and 2 GB tensors both get explored.
  const uint32_t size_mask = (data[0] & 1) != 0 ? 0x7fffffffu : 0xffffu;
  ++data;
  --size;
  const auto count = static_cast<uint32_t>(size / kRecordBytes);
  if (count > tr::engine::kMaxPlanBuffers) {
    PlanBuffer dummy[1];
    check(tr::engine::plan_greedy(dummy, count) == UINT64_MAX, "too many buffers accepted", 0,
          count);
    return 0;
  }
  PlanBuffer buffers[tr::engine::kMaxPlanBuffers];
  for (uint32_t i = 0; i < count; ++i) {
    const uint8_t* r = data + i * kRecordBytes;
    uint32_t bytes;
    std::memcpy(&bytes, r, 4);
    buffers[i].size = bytes & size_mask;
    buffers[i].first_use = r[4] % 64;
    buffers[i].last_use = buffers[i].first_use + r[5] % 16;
  }
  const uint64_t peak = tr::engine::plan_greedy(buffers, count);

  uint64_t total = 0;
  uint64_t end_max = 0;
  for (uint32_t i = 0; i < count; ++i) {
    const PlanBuffer& b = buffers[i];
    check(b.offset % kAlign == 0, "offset not aligned", i, i);
    total += aligned(b.size);
    if (b.size > 0 && b.offset + uint64_t{b.size} > end_max) end_max = b.offset + uint64_t{b.size};
  }
  check(peak % kAlign == 0, "peak not aligned", 0, 0);
  check(peak <= total, "peak above the sum of all buffers", 0, count);
  // Offsets are 32-bit: a plan whose peak passes 4 GB is rejected by the caller (it exceeds any
  // arena), so only smaller plans must be exact.
  if (peak > UINT32_MAX) return 0;
  check(end_max <= peak, "a buffer ends above the peak", 0, 0);
  for (int32_t t = 0; t < 64 + 16; ++t) {
    uint64_t live = 0;
    for (uint32_t i = 0; i < count; ++i)
      if (buffers[i].first_use <= t && t <= buffers[i].last_use) live += buffers[i].size;
    check(live <= peak, "peak below the bytes live at one time", static_cast<uint32_t>(t), 0);
  }
  for (uint32_t i = 0; i < count; ++i) {
    const PlanBuffer& a = buffers[i];
    for (uint32_t j = i + 1; j < count; ++j) {
      const PlanBuffer& b = buffers[j];
      if (a.size == 0 || b.size == 0) continue;
      if (a.last_use < b.first_use || b.last_use < a.first_use) continue;
      const bool apart =
          a.offset + uint64_t{a.size} <= b.offset || b.offset + uint64_t{b.size} <= a.offset;
      check(apart, "live buffers overlap", i, j);
    }
  }
  return 0;
}
