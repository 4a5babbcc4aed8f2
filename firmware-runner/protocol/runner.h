// The runner firmware's command loop: the MLPerf Tiny DUT protocol plus tinyrack's tr-
// extensions (grammar: docs/protocol.md). Portable: the same code runs in the firmware (fed by
// the port's UART loop) and on the host in unit tests. No heap, no exceptions.
//
//   Runner runner(console, clock, engine, model_slot, input_slot, identity, &stack_meter);
//   runner.use_mfcc_frontend(workspace, err);  // optional: raw audio input (tr-input ... mfcc)
//   runner.boot();                        // banner
//   for (;;) runner.feed(uart_getc());    // replies go to console
#pragma once

#include "protocol/command_context.h"
#include "protocol/line_assembler.h"
#include "protocol/model_engine.h"
#include "protocol/output_writer.h"
#include "protocol/platform.h"

namespace tr::fw {

class Runner {
 public:
  Runner(Console& console, Clock& clock, ModelEngine& engine, Slot model_slot, Slot input_slot,
         const Identity& identity, StackMeter* stack = nullptr);
  Runner(const Runner&) = delete;
  Runner& operator=(const Runner&) = delete;

  // Makes this runner a standard-only DUT (a vendor's MLPerf Tiny firmware) with the model at
  // `model` fixed: call before boot(). `dut` must outlive the runner. On failure `err` says why
  // and `infer` will report that no model is loaded.
  Status use_builtin_model(const uint8_t* model, uint32_t size, const StandardDut& dut,
                           ErrorText& err);
  // Gives `tr-input LEN CRC mfcc` its front end: `ws` (static, outliving the runner) is
  // initialised for `cfg` here. On failure `err` says why and the command stays refused.
  Status use_mfcc_frontend(engine::frontend::MfccWorkspace& ws, ErrorText& err,
                           const engine::frontend::MfccConfig& cfg = {});
  // Gives energy mode its timestamp output (`tr-timestamp-mode energy`): `pin` must outlive the
  // runner; each pulse holds the line low at least `hold_us` µs of the runner's clock. The
  // runner still boots in performance mode; without this call energy mode is refused.
  void use_timestamp_pin(TimestampPin& pin, uint32_t hold_us);
  // Prints the banner; input fed before it is ignored, as in the reference firmware.
  void boot();
  // One received byte; a '%' completes a command, which runs before feed() returns.
  void feed(char c);

 private:
  void execute(const char* text, size_t len);

  OutputWriter out_;
  RunnerState state_;
  CommandContext ctx_;
  LineAssembler line_;
  bool booted_ = false;
};

}  // namespace tr::fw
