// `tr-prof`: one inference of the loaded model on the loaded input with a clock read around every
// operator, then one without hooks, so the host can show per-operator figures and, honestly,
// what the profiling itself cost. Ticks are kept in a fixed table and printed only after both
// inferences: console time never lands inside a measured span.
#include "protocol/command_context.h"

namespace tr::fw {
namespace {

// The engine's operator table holds 128 entries; a model beyond that never loads.
constexpr uint32_t kMaxProfiledOperators = 128;

struct OpTimes {
  Clock* clock = nullptr;
  uint64_t start = 0;
  uint32_t ticks[kMaxProfiledOperators] = {};  // saturates: 2^32 ticks is minutes per operator
};

void before_op(void* ctx, uint32_t /*op_index*/) {
  auto* t = static_cast<OpTimes*>(ctx);
  t->start = t->clock->ticks();  // last thing before the operator runs
}

void after_op(void* ctx, uint32_t op_index) {
  auto* t = static_cast<OpTimes*>(ctx);
  const uint64_t now = t->clock->ticks();  // first thing after it returns
  if (op_index >= kMaxProfiledOperators) return;
  const uint64_t span = now - t->start;
  t->ticks[op_index] = span > UINT32_MAX ? UINT32_MAX : static_cast<uint32_t>(span);
}

// One invoke from a fresh copy of the input (the engine may reuse the input tensor's memory);
// its ticks, copy excluded, in `total`. Prints the engine's error and returns false on failure.
bool timed_invoke(CommandContext& ctx, uint64_t& total) {
  ErrorText err;
  copy_input(ctx);
  const uint64_t a = ctx.clock.ticks();
  const Status s = ctx.engine.invoke(err);
  const uint64_t b = ctx.clock.ticks();
  if (s != Status::ok) {
    print_invoke_error(ctx, s, err);
    return false;
  }
  total = b - a;
  return true;
}

}  // namespace

void run_tr_prof(CommandContext& ctx, const Tokens& args) {
  if (!check_arg_count(ctx, args, "tr-prof", 0)) return;
  if (!check_model_and_input(ctx)) return;
  const uint32_t ops = ctx.engine.memory().operator_count;
  if (ops > kMaxProfiledOperators) {
    ctx.out.put("e-[Model has ").put_uint(ops).put(" operators; tr-prof times at most ");
    ctx.out.put_uint(kMaxProfiledOperators).put("]");
    ctx.out.end_line();
    return;
  }
  ctx.state.have_results = false;

  OpTimes times;
  times.clock = &ctx.clock;
  engine::OpHooks hooks;
  hooks.before = before_op;
  hooks.after = after_op;
  hooks.ctx = &times;
  uint64_t hooked = 0;
  uint64_t plain = 0;
  ctx.engine.set_hooks(hooks);
  const bool ok = timed_invoke(ctx, hooked);
  ctx.engine.set_hooks(engine::OpHooks{});  // never leave hooks pointing at this stack frame
  if (!ok || !timed_invoke(ctx, plain)) return;
  ctx.state.have_results = true;

  uint64_t sum = 0;
  ctx.out.value("prof_ops", uint64_t{ops});
  for (uint32_t i = 0; i < ops; ++i) {
    ctx.out.begin_value("prof_op").put_uint(i).put_char(',').put_uint(times.ticks[i]);
    ctx.out.end_value();
    sum += times.ticks[i];
  }
  ctx.out.value("prof_sum", sum);
  ctx.out.value("prof_hooked", hooked);
  ctx.out.value("prof_plain", plain);
}

}  // namespace tr::fw
