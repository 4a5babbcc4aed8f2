#include "engine/arena_planner.h"

#include <catch2/catch.hpp>
#include <vector>

#include "builder/prng.h"

using tr::engine::plan_greedy;
using tr::engine::PlanBuffer;

namespace {

// No two buffers that are alive at the same time may share a byte.
void check_plan(const std::vector<PlanBuffer>& b, uint64_t peak) {
  for (size_t i = 0; i < b.size(); ++i) {
    CHECK(b[i].offset % 16 == 0);
    CHECK(b[i].offset + b[i].size <= peak);
    for (size_t j = i + 1; j < b.size(); ++j) {
      const bool time = b[i].first_use <= b[j].last_use && b[j].first_use <= b[i].last_use;
      const bool space =
          b[i].offset < b[j].offset + b[j].size && b[j].offset < b[i].offset + b[i].size;
      INFO("buffers " << i << " and " << j);
      CHECK_FALSE((time && space && b[i].size > 0 && b[j].size > 0));
    }
  }
}

}  // namespace

TEST_CASE("planner reuses memory of buffers whose lifetimes do not overlap", "[planner]") {
  // A chain a -> b -> c -> d: each buffer lives from its producer to its consumer.
  std::vector<PlanBuffer> b = {{100, 0, 1, 0}, {100, 1, 2, 0}, {100, 2, 3, 0}, {100, 3, 4, 0}};
  const uint64_t peak = plan_greedy(b.data(), static_cast<uint32_t>(b.size()));
  check_plan(b, peak);
  CHECK(peak == 224);  // two 112-byte (16-aligned) slots alternate
  CHECK(b[0].offset == b[2].offset);
  CHECK(b[1].offset == b[3].offset);
  CHECK(b[0].offset != b[1].offset);
}

TEST_CASE("planner places the largest buffer first", "[planner]") {
  std::vector<PlanBuffer> b = {{16, 0, 2, 0}, {640, 0, 2, 0}, {32, 1, 1, 0}};
  const uint64_t peak = plan_greedy(b.data(), static_cast<uint32_t>(b.size()));
  check_plan(b, peak);
  CHECK(b[1].offset == 0);
  CHECK(peak == 640 + 16 + 32);
}

TEST_CASE("planner fills a gap left between two placed buffers", "[planner]") {
  // 0 and 1 are alive at step 0 only; 2 (alive 0..1) must avoid them, 3 (step 1) may reuse 0/1.
  std::vector<PlanBuffer> b = {{64, 0, 0, 0}, {64, 0, 0, 0}, {256, 0, 1, 0}, {100, 1, 1, 0}};
  const uint64_t peak = plan_greedy(b.data(), static_cast<uint32_t>(b.size()));
  check_plan(b, peak);
  CHECK(peak == 256 + 128);
  CHECK(b[3].offset == 256);
}

TEST_CASE("planner never overlaps live buffers (randomized)", "[planner]") {
  tr::workloads::SplitMix64 rng(7);
  for (int round = 0; round < 200; ++round) {
    const auto n = static_cast<size_t>(rng.uniform_int(1, 128));
    std::vector<PlanBuffer> b(n);
    for (auto& x : b) {
      x.size = static_cast<uint32_t>(rng.uniform_int(0, 5000));
      x.first_use = rng.uniform_int(0, 40);
      x.last_use = x.first_use + rng.uniform_int(0, 10);
    }
    const uint64_t peak = plan_greedy(b.data(), static_cast<uint32_t>(n));
    check_plan(b, peak);
    // The peak is at least what is alive at the busiest step.
    uint64_t busiest = 0;
    for (int t = 0; t <= 50; ++t) {
      uint64_t live = 0;
      for (const auto& x : b) {
        if (x.first_use <= t && t <= x.last_use) live += x.size;
      }
      busiest = std::max(busiest, live);
    }
    CHECK(peak >= busiest);
  }
}
