// What every command handler works on: the board services, the engine, the two slots and
// the runner's state between commands. Handlers print their reply lines through `out`; the
// Runner adds the closing `m-ready`.
#pragma once

#include <cstddef>
#include <cstdint>

#include "engine/frontend/mfcc.h"
#include "protocol/model_engine.h"
#include "protocol/output_writer.h"
#include "protocol/platform.h"
#include "protocol/standard_dut.h"
#include "protocol/tokens.h"

namespace tr::fw {

struct RunnerState {
  // The input slot doubles as the MLPerf `db` buffer.
  uint32_t input_fill = 0;      // valid bytes at the start of the input slot
  uint32_t input_expected = 0;  // N of the active `db load N` (0 when none)
  bool input_loading = false;   // a `db load` is active and not yet complete

  bool model_ready = false;  // the last tr-model succeeded
  static constexpr size_t kModelIdMax = 15;
  char model_id[kModelIdMax + 1] = "none";  // shown by `profile`

  bool have_results = false;  // the engine output holds the last inference's results
  bool have_laps = false;
  uint64_t lap_a = 0;  // raw timer ticks before and after the timed invokes
  uint64_t lap_b = 0;
  uint32_t lap_n = 0;

  // Energy mode (tr-timestamp-mode): timestamps pulse the pin instead of printing lap lines.
  bool energy_mode = false;

  void set_model_id(const char* id, size_t len);
};

struct CommandContext {
  OutputWriter& out;
  Clock& clock;
  ModelEngine& engine;
  Slot model_slot;
  Slot input_slot;
  Identity identity;
  StackMeter* stack;  // optional
  RunnerState& state;
  // Set when the runner plays a standard-only DUT: tr- commands are unknown, the model is
  // built in, `db` bytes and results follow the reference firmware of its id.
  const StandardDut* standard = nullptr;
  // The MFCC front end behind `tr-input LEN CRC mfcc`, initialised; nullptr when the runner has
  // none (Runner::use_mfcc_frontend).
  engine::frontend::MfccWorkspace* mfcc = nullptr;
  // The energy-mode timestamp output and how long a pulse stays low; nullptr when the board has
  // none (Runner::use_timestamp_pin).
  TimestampPin* pin = nullptr;
  uint32_t pin_hold_us = 50;
};

// ticks -> µs without overflowing 64 bits for any tick count.
uint64_t ticks_to_us(uint64_t ticks, uint32_t hz);
// Prints `m-lap-us-<µs>` for a tick value.
void print_lap(CommandContext& ctx, uint64_t ticks);
// One energy-mode timestamp (timestamp_mode.cpp): pin low, held low for at least pin_hold_us
// of the runner's own clock, then high. Does nothing without a pin.
void pulse_timestamp(CommandContext& ctx);

using CommandHandler = void (*)(CommandContext& ctx, const Tokens& args);

struct CommandSpec {
  const char* name;   // first token
  const char* usage;  // one help line
  CommandHandler run;
};

// The two command sets; each table ends with an entry whose name is nullptr.
extern const CommandSpec kMlperfCommands[];
extern const CommandSpec kTinyrackCommands[];

// Handlers (one family per source file).
void run_name(CommandContext& ctx, const Tokens& args);
void run_profile(CommandContext& ctx, const Tokens& args);
void run_timestamp(CommandContext& ctx, const Tokens& args);
void run_help(CommandContext& ctx, const Tokens& args);
void run_db(CommandContext& ctx, const Tokens& args);
void run_infer(CommandContext& ctx, const Tokens& args);
void run_results(CommandContext& ctx, const Tokens& args);
void run_tr_id(CommandContext& ctx, const Tokens& args);
void run_tr_slots(CommandContext& ctx, const Tokens& args);
void run_tr_model(CommandContext& ctx, const Tokens& args);
void run_tr_input(CommandContext& ctx, const Tokens& args);
void run_tr_out(CommandContext& ctx, const Tokens& args);
void run_tr_laps(CommandContext& ctx, const Tokens& args);
void run_tr_mem(CommandContext& ctx, const Tokens& args);
void run_tr_prof(CommandContext& ctx, const Tokens& args);
void run_tr_timestamp_mode(CommandContext& ctx, const Tokens& args);

// Shared by infer and tr-prof: prints the e- line and returns false unless a model is loaded and
// the loaded input has exactly its input tensor's size.
bool check_model_and_input(CommandContext& ctx);
// Bytes of loaded input the model's input tensor needs (4 per element for float `db` input).
uint32_t expected_input_bytes(const CommandContext& ctx);
// Copies the loaded input into the model's input tensor (when they are not the same memory),
// converting it as the standard-only DUT's encoding says.
void copy_input(CommandContext& ctx);
// `tr-input LEN CRC mfcc` (frontend_input.cpp). check_mfcc_input runs before the block's length
// and CRC checks (front end, slot size, model input), run_mfcc_input after them (audio length,
// the front end itself, its reply lines). Each prints the e- line and returns false on failure.
bool check_mfcc_input(CommandContext& ctx);
bool run_mfcc_input(CommandContext& ctx, uint32_t len);
// `e-[<engine message>]`, or `e-[Inference failed: <status>]` when the engine gave none.
void print_invoke_error(CommandContext& ctx, Status s, const ErrorText& err);

// Shared argument check: prints `e-[Command '<name>' takes at most <n> arguments]` and
// returns false when the command has more than `max_args` arguments.
bool check_arg_count(CommandContext& ctx, const Tokens& args, const char* name, size_t max_args);

}  // namespace tr::fw
