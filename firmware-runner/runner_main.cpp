// The runner firmware: wire the board port, the engine and the command loop, then serve the
// console forever. All memory is static: the arena, the model slot, the input slot and the MFCC
// front end's workspace (tables and scratch for `tr-input LEN CRC mfcc`).
// Built with TINYRACK_STANDARD_MODEL_ID it is a standard-only DUT instead: the model baked into
// the image (standard_model.S) is fixed and only the MLPerf Tiny commands exist.
#include <new>

#include "board.h"
#include "build_hash.h"
#include "engine/frontend/mfcc.h"
#include "engine/interpreter.h"
#include "engine_adapter.h"
#include "protocol/runner.h"
#include "target_config.h"

namespace {

alignas(16) uint8_t g_arena[TR_ARENA_BYTES];
// The host writes models and inputs here through the debug probe (tr-slots tells it where).
alignas(16) __attribute__((section(".model_slot"))) uint8_t g_model_slot[TR_MODEL_SLOT_BYTES];
alignas(16) __attribute__((section(".input_slot"))) uint8_t g_input_slot[TR_INPUT_SLOT_BYTES];

tr::engine::Interpreter g_interpreter(g_arena, TR_ARENA_BYTES);
tr::fw::InterpreterEngine g_engine(g_interpreter);
#ifndef TINYRACK_STANDARD_MODEL_ID
// In RAM with the arena and stack; a target without room for it fails to link ("region RAM
// overflowed"), not at run time. Raw storage constructed in main(): as a plain global the
// workspace would land in .data (its config has non-zero defaults) and cost 14 KB of flash.
using tr::engine::frontend::MfccWorkspace;
alignas(MfccWorkspace) uint8_t g_mfcc_storage[sizeof(MfccWorkspace)];
#endif

}  // namespace

#ifdef TINYRACK_STANDARD_MODEL_ID
extern "C" const uint8_t tr_standard_model[];
extern "C" const uint8_t tr_standard_model_end[];
#endif

int main() {
  tr::port::board_init();
  const tr::fw::Identity identity{TR_FIRMWARE_VERSION, TR_TARGET_NAME, TR_BUILD_HASH};
  static tr::fw::Runner runner(tr::port::console(), tr::port::clock(), g_engine,
                               tr::fw::Slot{g_model_slot, TR_MODEL_SLOT_BYTES},
                               tr::fw::Slot{g_input_slot, TR_INPUT_SLOT_BYTES}, identity,
                               &tr::port::stack_meter());
#ifdef TINYRACK_STANDARD_MODEL_ID
  static const tr::fw::StandardDut dut = tr::fw::standard_dut_for(TINYRACK_STANDARD_MODEL_ID);
  tr::ErrorText err;
  // A failure shows up as `infer`'s "built-in model failed to load" error.
  (void)runner.use_builtin_model(tr_standard_model,
                                 static_cast<uint32_t>(tr_standard_model_end - tr_standard_model),
                                 dut, err);
#else
  tr::ErrorText err;
  // Cannot fail for the built-in kws01 configuration; if it did, tr-input ... mfcc would refuse.
  (void)runner.use_mfcc_frontend(*new (g_mfcc_storage) MfccWorkspace(), err);
#endif
  if (tr::fw::TimestampPin* pin = tr::port::timestamp_pin()) {
    runner.use_timestamp_pin(*pin, tr::port::timestamp_hold_us());
  }
  runner.boot();
  for (;;) runner.feed(tr::port::read_char());
}
