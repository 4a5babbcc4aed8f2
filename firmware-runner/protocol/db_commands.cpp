// The MLPerf `db` command family: `db load N`, `db <hex>` and `db print`. The db buffer is the
// input slot itself, so `tr-input` (probe write) and `db` (serial hex) end in the same state.
#include "common/text_format.h"
#include "protocol/command_context.h"

namespace tr::fw {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool all_digits(const Token& t) {
  for (size_t i = 0; i < t.size; ++i) {
    if (t.data[i] < '0' || t.data[i] > '9') return false;
  }
  return t.size > 0;
}

void db_load(CommandContext& ctx, const Tokens& args) {
  RunnerState& st = ctx.state;
  // Any load attempt drops the previous input; a rejected one leaves nothing to fill (the
  // reference kept an oversized N, and later `db` lines overran its buffer).
  st.input_loading = false;
  st.input_expected = 0;
  st.input_fill = 0;
  if (args.total() < 3) return ctx.out.error("Command 'db load' requires the # of bytes");
  if (args.total() > 3)
    return ctx.out.error("Command 'db load' takes one argument: the # of bytes");
  const Token& n_tok = args[2];
  uint32_t n = 0;
  if (!parse_uint32(n_tok.data, n_tok.size, n)) {
    if (all_digits(n_tok)) {  // too big for 32 bits: still the size error
      ctx.out.put("e-[Supplied buffer size ").put(n_tok.data, n_tok.size);
      ctx.out.put(" exceeds maximum of ").put_uint(ctx.input_slot.capacity).put("]");
    } else {
      ctx.out.put("e-[Command 'db load' needs a decimal # of bytes, got '");
      ctx.out.put_escaped(n_tok.data, n_tok.size).put("']");
    }
    return ctx.out.end_line();
  }
  if (n == 0) return ctx.out.error("Command 'db load' must be >0 bytes");
  if (n > ctx.input_slot.capacity) {
    ctx.out.put("e-[Supplied buffer size ").put_uint(n);
    ctx.out.put(" exceeds maximum of ").put_uint(ctx.input_slot.capacity).put("]");
    return ctx.out.end_line();
  }
  st.input_expected = n;
  st.input_loading = true;
  ctx.out.put("m-[Expecting ").put_uint(n).put(" bytes]");
  ctx.out.end_line();
}

// Validates the whole run of digits before storing anything, so a bad line changes nothing.
bool check_hex(CommandContext& ctx, const Token& hex) {
  for (size_t i = 0; i < hex.size; i += 2) {
    if (i + 1 == hex.size) {
      ctx.out.error("Insufficent number of hex digits");  // sic: the reference's spelling
      return false;
    }
    if (hex_value(hex.data[i]) < 0 || hex_value(hex.data[i + 1]) < 0) {
      ctx.out.put("e-[Invalid hex digit '").put_escaped(hex.data + i, 2).put("']");
      ctx.out.end_line();
      return false;
    }
  }
  return true;
}

void db_fill(CommandContext& ctx, const Tokens& args) {
  RunnerState& st = ctx.state;
  if (args.total() > 2) {
    return ctx.out.error("Command 'db' takes one run of hex digits without spaces");
  }
  if (!st.input_loading) return ctx.out.error("Command 'db' needs an active 'db load N' first");
  const Token& hex = args[1];
  if (!check_hex(ctx, hex)) return;
  // Digits beyond N are ignored; N never exceeds the slot capacity.
  uint32_t room = st.input_expected - st.input_fill;
  size_t pairs = hex.size / 2;
  uint32_t take = pairs < room ? static_cast<uint32_t>(pairs) : room;
  uint8_t* dst = ctx.input_slot.data + st.input_fill;
  for (uint32_t i = 0; i < take; ++i) {
    dst[i] = static_cast<uint8_t>(hex_value(hex.data[size_t{2} * i]) * 16 +
                                  hex_value(hex.data[size_t{2} * i + 1]));
  }
  st.input_fill += take;
  if (st.input_fill == st.input_expected) {
    st.input_loading = false;
    ctx.out.message("load-done");
  }
}

void db_print(CommandContext& ctx) {
  // The reference advertises `[N=16] [offset=0]` but ignores them; so does tinyrack.
  const uint8_t* data = ctx.input_slot.data;
  for (uint32_t i = 0; i < ctx.state.input_fill; i += 8) {
    ctx.out.put("m-buffer");
    for (uint32_t j = i; j < i + 8 && j < ctx.state.input_fill; ++j) {
      ctx.out.put_char('-').put_hex_byte(data[j]);
    }
    ctx.out.end_line();
  }
}

}  // namespace

void run_db(CommandContext& ctx, const Tokens& args) {
  if (args.total() < 2)
    return ctx.out.error("Command 'db' requires 'load N', 'print' or hex digits");
  if (args[1].is("load")) return db_load(ctx, args);
  if (args[1].is("print")) return db_print(ctx);
  db_fill(ctx, args);
}

}  // namespace tr::fw
