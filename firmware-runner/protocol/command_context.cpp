#include "protocol/command_context.h"

namespace tr::fw {

void RunnerState::set_model_id(const char* id, size_t len) {
  if (len > kModelIdMax) len = kModelIdMax;
  for (size_t i = 0; i < len; ++i) model_id[i] = id[i];
  model_id[len] = '\0';
}

uint64_t ticks_to_us(uint64_t ticks, uint32_t hz) {
  // A port reporting 0 Hz is broken; treat its ticks as µs rather than divide by zero.
  if (hz == 0) return ticks;
  // Split into whole seconds and the remainder: ticks * 1e6 alone overflows after ~5 days
  // at 40 MHz.
  uint64_t whole = ticks / hz;
  uint64_t rest = ticks % hz;
  return whole * 1000000u + rest * 1000000u / hz;
}

void print_lap(CommandContext& ctx, uint64_t ticks) {
  ctx.out.put("m-lap-us-").put_uint(ticks_to_us(ticks, ctx.clock.hz()));
  ctx.out.end_line();
}

bool check_arg_count(CommandContext& ctx, const Tokens& args, const char* name, size_t max_args) {
  if (args.total() <= max_args + 1) return true;
  ctx.out.put("e-[Command '").put(name).put("' takes ");
  if (max_args == 0) {
    ctx.out.put("no arguments");
  } else {
    ctx.out.put("at most ").put_uint(max_args).put(max_args == 1 ? " argument" : " arguments");
  }
  ctx.out.put("]");
  ctx.out.end_line();
  return false;
}

}  // namespace tr::fw
