#include "protocol/runner.h"

#include <cstring>

namespace tr::fw {
namespace {

const CommandSpec* find_command(const CommandSpec* table, const Token& name) {
  for (const CommandSpec* c = table; c->name != nullptr; ++c) {
    if (name.is(c->name)) return c;
  }
  return nullptr;
}

}  // namespace

Runner::Runner(Console& console, Clock& clock, ModelEngine& engine, Slot model_slot,
               Slot input_slot, const Identity& identity, StackMeter* stack)
    : out_(console), ctx_{out_, clock, engine, model_slot, input_slot, identity, stack, state_} {
  // A slot without memory is treated as empty rather than dereferenced.
  if (ctx_.model_slot.data == nullptr) ctx_.model_slot.capacity = 0;
  if (ctx_.input_slot.data == nullptr) ctx_.input_slot.capacity = 0;
}

Status Runner::use_builtin_model(const uint8_t* model, uint32_t size, const StandardDut& dut,
                                 ErrorText& err) {
  ctx_.standard = &dut;
  state_.set_model_id(dut.model_id, std::strlen(dut.model_id));
  Status s = ctx_.engine.load(model, size, err);
  state_.model_ready = s == Status::ok;
  return s;
}

Status Runner::use_mfcc_frontend(engine::frontend::MfccWorkspace& ws, ErrorText& err,
                                 const engine::frontend::MfccConfig& cfg) {
  ctx_.mfcc = nullptr;
  const Status s = ws.init(cfg, err);
  if (s == Status::ok) ctx_.mfcc = &ws;
  return s;
}

void Runner::use_timestamp_pin(TimestampPin& pin, uint32_t hold_us) {
  ctx_.pin = &pin;
  ctx_.pin_hold_us = hold_us;
}

void Runner::boot() {
  out_.message("timestamp-mode-performance");
  print_lap(ctx_, ctx_.clock.ticks());
  out_.message("init-done");
  out_.ready();
  booted_ = true;
}

void Runner::feed(char c) {
  if (!booted_) return;
  switch (line_.feed(c)) {
    case LineAssembler::Event::none:
      return;
    case LineAssembler::Event::too_long:
      out_.error("Command too long: at most 79 characters before '%'");
      break;
    case LineAssembler::Event::command:
      execute(line_.text(), line_.size());
      break;
  }
  out_.ready();
}

void Runner::execute(const char* text, size_t len) {
  Tokens args(text, len);
  if (args.total() == 0) return out_.error("Empty command: nothing before '%'");
  const CommandSpec* cmd = find_command(kMlperfCommands, args[0]);
  // A standard-only DUT knows only the MLPerf commands, like the reference firmware.
  if (cmd == nullptr && ctx_.standard == nullptr) cmd = find_command(kTinyrackCommands, args[0]);
  if (cmd != nullptr) return cmd->run(ctx_, args);
  out_.put("e-[Unknown command: ").put_escaped(args[0].data, args[0].size).put("]");
  out_.end_line();
}

}  // namespace tr::fw
