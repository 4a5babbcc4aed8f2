// A per-layer profile: the runner's tr-prof ticks joined with what the host build of the engine
// knows about each operator of the same model (name, shapes, MACs, arena in use). Ticks become
// instructions on emulated boards (QEMU -icount) and microseconds on measured ones.
#pragma once

#include <cstdint>
#include <optional>

#include "reports/report.h"
#include "run/host_engine.h"
#include "run/runner_profile.h"

namespace tr::harness {

// How to read the board's ticks.
struct ProfileClock {
  uint32_t timer_hz = 0;            // the runner's m-tr-timer_hz
  std::optional<int> icount_shift;  // set on emulated boards: ticks count instructions
};

// Throws std::runtime_error when the runner timed a different number of operators than the
// host engine finds in the model, or the clock rate is 0.
report::ProfileInfo build_operator_profile(const HostEngine& host, const RunnerProfile& raw,
                                           const ProfileClock& clock);

}  // namespace tr::harness
