// The MLPerf Tiny identification commands (name, profile, timestamp, help) and the table of
// the MLPerf command set. `db` and `infer` have their own files.
#include "protocol/command_context.h"

namespace tr::fw {

const CommandSpec kMlperfCommands[] = {
    {"name", "name                      device name", run_name},
    {"profile", "profile                   benchmark profile and model id", run_profile},
    {"timestamp", "timestamp                 timer value in microseconds", run_timestamp},
    {"db", "db load N | db HEX | db print   expect N input bytes, append bytes, show them", run_db},
    {"infer", "infer N W                 W warm-up, then N timed inferences", run_infer},
    {"results", "results                   repeat the last results line", run_results},
    {"help", "help                      this text", run_help},
    {nullptr, nullptr, nullptr},
};

void run_name(CommandContext& ctx, const Tokens& args) {
  if (!check_arg_count(ctx, args, "name", 0)) return;
  ctx.out.message("name-dut-[tinyrack]");
}

void run_profile(CommandContext& ctx, const Tokens& args) {
  if (!check_arg_count(ctx, args, "profile", 0)) return;
  ctx.out.message("profile-[ULPMark for tinyML Firmware V0.0.1]");
  ctx.out.put("m-model-[").put(ctx.state.model_id).put("]");
  ctx.out.end_line();
}

void run_timestamp(CommandContext& ctx, const Tokens& args) {
  if (!check_arg_count(ctx, args, "timestamp", 0)) return;
  // Energy mode: no text, one pulse (the reference's EE_CFG_ENERGY_MODE build).
  if (ctx.state.energy_mode) return pulse_timestamp(ctx);
  print_lap(ctx, ctx.clock.ticks());
}

void run_help(CommandContext& ctx, const Tokens& args) {
  if (!check_arg_count(ctx, args, "help", 0)) return;
  ctx.out.plain("tinyrack runner: end every command with '%'; every reply ends with m-ready");
  for (const CommandSpec* c = kMlperfCommands; c->name != nullptr; ++c) ctx.out.plain(c->usage);
  if (ctx.standard != nullptr) return;
  for (const CommandSpec* c = kTinyrackCommands; c->name != nullptr; ++c) ctx.out.plain(c->usage);
}

}  // namespace tr::fw
