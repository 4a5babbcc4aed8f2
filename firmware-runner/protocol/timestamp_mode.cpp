// Energy mode: `tr-timestamp-mode energy|performance` and the timestamp pulse. MLPerf Tiny's
// reference firmware picks the mode at compile time (EE_CFG_ENERGY_MODE); tinyrack's runner
// switches per run, so one image serves latency and energy runs (docs/protocol.md).
#include "protocol/command_context.h"

namespace tr::fw {
namespace {

// Ticks covering at least `us` µs, rounded up; +1 because two reads of a tick counter that
// differ by k may be only a little more than k - 1 ticks apart.
uint64_t hold_ticks(uint32_t us, uint32_t hz) {
  const uint64_t product = uint64_t{us} * hz;  // < 2^64 for any 32-bit pair
  return (product + 999999u) / 1000000u + 1u;
}

}  // namespace

void pulse_timestamp(CommandContext& ctx) {
  if (ctx.pin == nullptr) return;
  const uint64_t hold = hold_ticks(ctx.pin_hold_us, ctx.clock.hz());
  ctx.pin->set(false);
  // Busy-wait on the timestamp clock itself, so the hold holds in the board's time whatever the
  // core clock or emulation speed; a loop count would only assume it.
  const uint64_t start = ctx.clock.ticks();
  while (ctx.clock.ticks() - start < hold) {
  }
  ctx.pin->set(true);
}

void run_tr_timestamp_mode(CommandContext& ctx, const Tokens& args) {
  const Token& mode = args[1];
  if (mode.empty()) {
    return ctx.out.error("Command 'tr-timestamp-mode' requires a mode: energy or performance");
  }
  if (!check_arg_count(ctx, args, "tr-timestamp-mode", 1)) return;
  if (mode.is("performance")) {
    ctx.state.energy_mode = false;
    return ctx.out.message("timestamp-mode-performance");
  }
  if (!mode.is("energy")) {
    ctx.out.put("e-[Unknown timestamp mode '").put_escaped(mode.data, mode.size);
    ctx.out.put("': use energy or performance]");
    ctx.out.end_line();
    return;
  }
  if (ctx.pin == nullptr) {
    return ctx.out.error("Energy mode needs a timestamp pin and this board has none");
  }
  // Park the line high first so the first timestamp is a clean falling edge.
  ctx.pin->set(true);
  ctx.state.energy_mode = true;
  ctx.out.message("timestamp-mode-energy");
}

}  // namespace tr::fw
