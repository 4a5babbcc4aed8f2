// tinyrack's informational commands (tr-id, tr-slots, tr-out, tr-laps, tr-mem) and the table of
// the tr- command set. Model and input loading live in model_commands.cpp, tr-prof in
// prof_command.cpp.
#include <cstdint>

#include "protocol/command_context.h"
#include "protocol/tensor_text.h"

namespace tr::fw {
namespace {

// Slot addresses as the firmware sees them; on a 64-bit host only the low 32 bits.
uint32_t address_of(const uint8_t* p) {
  return static_cast<uint32_t>(reinterpret_cast<uintptr_t>(p));
}

void put_slot(CommandContext& ctx, const char* key, const Slot& slot) {
  ctx.out.begin_value(key).put_hex32(address_of(slot.data)).put_char(',').put_uint(slot.capacity);
  ctx.out.end_value();
}

}  // namespace

const CommandSpec kTinyrackCommands[] = {
    {"tr-id", "tr-id                     firmware version, target, engine, build, timer rate",
     run_tr_id},
    {"tr-slots", "tr-slots                  model and input slot addresses and sizes",
     run_tr_slots},
    {"tr-model", "tr-model LEN CRC32 [ID]   load the model written to the model slot",
     run_tr_model},
    {"tr-input", "tr-input LEN CRC32 [mfcc] use LEN bytes written to the input slot", run_tr_input},
    {"tr-out", "tr-out                    last output tensor as hex", run_tr_out},
    {"tr-laps", "tr-laps                   raw timer ticks and N of the last infer", run_tr_laps},
    {"tr-mem", "tr-mem                    arena, slot and stack figures", run_tr_mem},
    {"tr-prof", "tr-prof                   timer ticks of every operator of one inference",
     run_tr_prof},
    {"tr-timestamp-mode",
     "tr-timestamp-mode MODE    energy (GPIO pulses) or performance (lap lines)",
     run_tr_timestamp_mode},
    {nullptr, nullptr, nullptr},
};

void run_tr_id(CommandContext& ctx, const Tokens& args) {
  if (!check_arg_count(ctx, args, "tr-id", 0)) return;
  ctx.out.value("version", ctx.identity.firmware_version);
  ctx.out.value("target", ctx.identity.target);
  ctx.out.value("engine", ctx.engine.name());
  ctx.out.value("build", ctx.identity.build_hash);
  ctx.out.value("timer_hz", uint64_t{ctx.clock.hz()});
}

void run_tr_slots(CommandContext& ctx, const Tokens& args) {
  if (!check_arg_count(ctx, args, "tr-slots", 0)) return;
  put_slot(ctx, "model_slot", ctx.model_slot);
  put_slot(ctx, "input_slot", ctx.input_slot);
}

void run_tr_out(CommandContext& ctx, const Tokens& args) {
  if (!check_arg_count(ctx, args, "tr-out", 0)) return;
  if (!ctx.state.have_results) return ctx.out.error("No output: run infer first");
  engine::TensorView out = ctx.engine.output();
  ctx.out.begin_value("out");
  if (out.data != nullptr) put_hex_bytes(ctx.out, out.data, out.bytes);
  ctx.out.end_value();
}

void run_tr_laps(CommandContext& ctx, const Tokens& args) {
  if (!check_arg_count(ctx, args, "tr-laps", 0)) return;
  const RunnerState& st = ctx.state;
  if (!st.have_laps) return ctx.out.error("No laps: run infer first");
  ctx.out.begin_value("laps").put_uint(st.lap_a).put_char(',').put_uint(st.lap_b);
  ctx.out.put_char(',').put_uint(st.lap_n);
  ctx.out.end_value();
}

void run_tr_mem(CommandContext& ctx, const Tokens& args) {
  if (!check_arg_count(ctx, args, "tr-mem", 0)) return;
  engine::MemoryStats m;  // all zero when no model is loaded
  if (ctx.state.model_ready && ctx.engine.loaded()) m = ctx.engine.memory();
  ctx.out.value("arena_capacity", uint64_t{m.arena_capacity});
  ctx.out.value("arena_used", uint64_t{m.arena_used});
  ctx.out.value("activation_bytes", uint64_t{m.activation_bytes});
  ctx.out.value("persistent_bytes", uint64_t{m.persistent_bytes});
  ctx.out.value("scratch_bytes", uint64_t{m.scratch_bytes});
  ctx.out.value("model_slot_bytes", uint64_t{ctx.model_slot.capacity});
  ctx.out.value("input_slot_bytes", uint64_t{ctx.input_slot.capacity});
  if (ctx.mfcc != nullptr) {
    ctx.out.value("frontend_bytes", uint64_t{sizeof(engine::frontend::MfccWorkspace)});
  }
  if (ctx.stack != nullptr) {
    ctx.out.value("stack_bytes", uint64_t{ctx.stack->stack_capacity()});
    ctx.out.value("stack_peak", uint64_t{ctx.stack->stack_peak()});
  }
}

}  // namespace tr::fw
