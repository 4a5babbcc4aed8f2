// `infer N W` and `results`: run the loaded model on the loaded input, bracket the N timed
// invokes with two timer reads (and, in energy mode, two pin pulses), print the dequantized
// outputs.
#include <cstring>

#include "common/text_format.h"
#include "protocol/command_context.h"
#include "protocol/tensor_text.h"

namespace tr::fw {
namespace {

void put_results(CommandContext& ctx) {
  ctx.out.put("m-results-[");
  if (ctx.standard != nullptr && ctx.standard->results == ResultKind::reconstruction_mse) {
    const uint32_t values = ctx.state.input_fill / 4;
    ctx.out.put_fixed(reconstruction_mse(ctx.engine.output(), ctx.input_slot.data, values), 3);
  } else {
    put_tensor_values(ctx.out, ctx.engine.output());
  }
  ctx.out.put("]");
  ctx.out.end_line();
}

// Runs `count` invokes; on the first failure prints its error and returns false.
// Every inference starts from the input slot: the engine may reuse the input tensor's memory
// once the first layers have read it (as TFLM does), so the copy is part of each inference.
bool invoke_n(CommandContext& ctx, uint32_t count) {
  ErrorText err;
  for (uint32_t i = 0; i < count; ++i) {
    copy_input(ctx);
    err.clear();
    Status s = ctx.engine.invoke(err);
    if (s != Status::ok) {
      print_invoke_error(ctx, s, err);
      return false;
    }
  }
  return true;
}

// Checks arguments, model and input; prints the e- line and returns false when one is wrong.
bool check_infer(CommandContext& ctx, const Tokens& args, uint32_t& n, uint32_t& w) {
  const Token& n_tok = args[1];
  const Token& w_tok = args[2];
  if (!parse_uint32(n_tok.data, n_tok.size, n) || n == 0) {
    ctx.out.error("Inference iterations must be >0");
    return false;
  }
  if (w_tok.empty()) {
    // The reference defaults W to 10 while its help says 0: refuse to guess.
    ctx.out.error("Command 'infer' requires the warm-up count: infer N W");
    return false;
  }
  if (!parse_uint32(w_tok.data, w_tok.size, w)) {
    ctx.out.error("Inference warmup must be >=0");
    return false;
  }
  if (!check_arg_count(ctx, args, "infer", 2)) return false;
  return check_model_and_input(ctx);
}

}  // namespace

bool check_model_and_input(CommandContext& ctx) {
  if (!ctx.state.model_ready || !ctx.engine.loaded()) {
    ctx.out.error(ctx.standard != nullptr ? "No model loaded: the built-in model failed to load"
                                          : "No model loaded: send tr-model first");
    return false;
  }
  const RunnerState& st = ctx.state;
  if (st.input_loading) {
    ctx.out.put("e-[Input load incomplete: ").put_uint(st.input_fill).put(" of ");
    ctx.out.put_uint(st.input_expected).put(" bytes received]");
    ctx.out.end_line();
    return false;
  }
  engine::TensorView in = ctx.engine.input();
  if (in.data == nullptr) {
    ctx.out.error("Engine reports a model input without memory");
    return false;
  }
  const uint32_t expected = expected_input_bytes(ctx);
  if (st.input_fill != expected) {
    ctx.out.put("e-[Input has ")
        .put_uint(st.input_fill)
        .put(" bytes loaded but the model input needs ");
    ctx.out.put_uint(expected).put(" bytes]");
    ctx.out.end_line();
    return false;
  }
  return true;
}

void print_invoke_error(CommandContext& ctx, Status s, const ErrorText& err) {
  if (!err.empty()) return ctx.out.error(err.c_str());
  ctx.out.put("e-[Inference failed: ").put(status_name(s)).put("]");
  ctx.out.end_line();
}

uint32_t expected_input_bytes(const CommandContext& ctx) {
  const uint32_t bytes = ctx.engine.input().bytes;
  if (ctx.standard == nullptr) return bytes;
  return bytes * db_bytes_per_element(ctx.standard->input);
}

void copy_input(CommandContext& ctx) {
  engine::TensorView in = ctx.engine.input();
  if (ctx.standard != nullptr) return decode_db_input(ctx.standard->input, ctx.input_slot.data, in);
  if (in.data != ctx.input_slot.data) std::memcpy(in.data, ctx.input_slot.data, in.bytes);
}

void run_infer(CommandContext& ctx, const Tokens& args) {
  uint32_t n = 0;
  uint32_t w = 0;
  if (!check_infer(ctx, args, n, w)) return;
  RunnerState& st = ctx.state;
  st.have_results = false;
  st.have_laps = false;

  ctx.out.put("m-warmup-start-").put_uint(w);
  ctx.out.end_line();
  if (!invoke_n(ctx, w)) return;
  ctx.out.message("warmup-done");
  ctx.out.put("m-infer-start-").put_uint(n);
  ctx.out.end_line();
  // Both lap lines are printed after the timed loop: the byte stream is the reference's, but
  // the console time of the first line stays outside the measured window. In energy mode the
  // two timestamps are pulses right at the window's ends instead; the closing pulse is sent
  // even after a failed invoke so every opened window is closed for the monitor.
  const bool energy = st.energy_mode;
  if (energy) pulse_timestamp(ctx);
  uint64_t a = ctx.clock.ticks();
  bool ok = invoke_n(ctx, n);
  uint64_t b = ctx.clock.ticks();
  if (energy) pulse_timestamp(ctx);
  if (!ok) return;
  if (!energy) {
    print_lap(ctx, a);
    print_lap(ctx, b);
  }
  st.lap_a = a;
  st.lap_b = b;
  st.lap_n = n;
  st.have_laps = true;
  st.have_results = true;
  ctx.out.message("infer-done");
  put_results(ctx);
}

void run_results(CommandContext& ctx, const Tokens& args) {
  if (!check_arg_count(ctx, args, "results", 0)) return;
  if (!ctx.state.have_results) return ctx.out.error("No results: run infer first");
  put_results(ctx);
}

}  // namespace tr::fw
