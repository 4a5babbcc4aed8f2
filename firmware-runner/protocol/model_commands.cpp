// `tr-model` and `tr-input`: the host has written a block straight into a slot through the
// debug probe; these commands check its length and CRC-32 and then take it into use.
// `tr-input LEN CRC mfcc` first turns the block (audio) into features: frontend_input.cpp.
#include "common/crc32.h"
#include "common/text_format.h"
#include "protocol/command_context.h"
#include "protocol/tensor_text.h"

namespace tr::fw {
namespace {

struct BlockKind {
  const char* command;  // "tr-model"
  const char* noun;     // "Model"
  const char* slot;     // "model"
};

constexpr BlockKind kModelBlock{"tr-model", "Model", "model"};
constexpr BlockKind kInputBlock{"tr-input", "Input", "input"};

void bad_token(CommandContext& ctx, const BlockKind& k, const char* what, const Token& t) {
  ctx.out.put("e-[Command '").put(k.command).put("' needs ").put(what).put(", got '");
  ctx.out.put_escaped(t.data, t.size).put("']");
  ctx.out.end_line();
}

// Checks `<len> <crc32>` (args 1 and 2) against `slot`. Prints the e- line and returns false
// when the arguments are malformed, the length does not fit or the CRC differs.
bool check_block(CommandContext& ctx, const Tokens& args, const BlockKind& k, const Slot& slot,
                 uint32_t& len) {
  if (args.total() < 3) {
    ctx.out.put("e-[Command '").put(k.command).put("' requires the length and the CRC-32]");
    ctx.out.end_line();
    return false;
  }
  const Token& len_tok = args[1];
  const Token& crc_tok = args[2];
  uint32_t expected_crc = 0;
  if (!parse_uint32(len_tok.data, len_tok.size, len)) {
    bad_token(ctx, k, "a decimal length", len_tok);
    return false;
  }
  if (!parse_hex_uint32(crc_tok.data, crc_tok.size, expected_crc)) {
    bad_token(ctx, k, "the CRC-32 as up to 8 hex digits", crc_tok);
    return false;
  }
  if (len == 0) {
    ctx.out.put("e-[").put(k.noun).put(" length must be >0]");
    ctx.out.end_line();
    return false;
  }
  if (len > slot.capacity) {
    ctx.out.put("e-[").put(k.noun).put(" of ").put_uint(len).put(" bytes exceeds the ");
    ctx.out.put(k.slot).put(" slot of ").put_uint(slot.capacity).put(" bytes]");
    ctx.out.end_line();
    return false;
  }
  uint32_t actual_crc = crc32(slot.data, len);
  if (actual_crc != expected_crc) {
    ctx.out.put("e-[").put(k.noun).put(" slot CRC ").put_hex32(actual_crc);
    ctx.out.put(" does not match ").put_hex32(expected_crc).put("]");
    ctx.out.end_line();
    return false;
  }
  return true;
}

bool valid_model_id(const Token& id) {
  if (id.size == 0 || id.size > RunnerState::kModelIdMax) return false;
  for (size_t i = 0; i < id.size; ++i) {
    char c = id.data[i];
    bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

void put_tensor_line(CommandContext& ctx, const char* key, const engine::TensorView& t) {
  ctx.out.begin_value(key);
  put_tensor_info(ctx.out, t);
  ctx.out.end_value();
}

}  // namespace

void run_tr_model(CommandContext& ctx, const Tokens& args) {
  RunnerState& st = ctx.state;
  // The host rewrote the model slot before sending this, so the previous model (whose weights
  // are read in place) is gone whatever happens next.
  st.model_ready = false;
  st.have_results = false;
  st.have_laps = false;
  st.set_model_id("none", 4);
  if (!check_arg_count(ctx, args, "tr-model", 3)) return;
  const Token& id = args[3];
  if (args.total() == 4 && !valid_model_id(id)) {
    ctx.out.put("e-[Model id '").put_escaped(id.data, id.size);
    ctx.out.put("' must be 1-15 characters from A-Z a-z 0-9 _ -]");
    return ctx.out.end_line();
  }
  uint32_t len = 0;
  if (!check_block(ctx, args, kModelBlock, ctx.model_slot, len)) return;
  ErrorText err;
  Status s = ctx.engine.load(ctx.model_slot.data, len, err);
  if (s != Status::ok) {
    if (!err.empty()) return ctx.out.error(err.c_str());
    ctx.out.put("e-[Model load failed: ").put(status_name(s)).put("]");
    return ctx.out.end_line();
  }
  st.model_ready = true;
  if (!id.empty()) st.set_model_id(id.data, id.size);
  ctx.out.value("model", "ok");
  put_tensor_line(ctx, "model_input", ctx.engine.input());
  put_tensor_line(ctx, "model_output", ctx.engine.output());
}

void run_tr_input(CommandContext& ctx, const Tokens& args) {
  RunnerState& st = ctx.state;
  // Like `db load`: the previous input is dropped, so a rejected block leaves nothing loaded.
  st.input_loading = false;
  st.input_expected = 0;
  st.input_fill = 0;
  if (!check_arg_count(ctx, args, "tr-input", 3)) return;
  const Token& frontend = args[3];
  const bool mfcc = args.total() == 4;
  if (mfcc && !frontend.is("mfcc")) {
    ctx.out.put("e-[Unknown input front end '").put_escaped(frontend.data, frontend.size);
    ctx.out.put("': tr-input knows 'mfcc']");
    return ctx.out.end_line();
  }
  if (mfcc && !check_mfcc_input(ctx)) return;
  uint32_t len = 0;
  if (!check_block(ctx, args, kInputBlock, ctx.input_slot, len)) return;
  if (mfcc) {
    run_mfcc_input(ctx, len);  // prints its own reply
    return;
  }
  st.input_fill = len;
  ctx.out.value("input", "ok");
}

}  // namespace tr::fw
