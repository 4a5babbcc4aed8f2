// The energy-mode timestamp pin of a board whose GPIO has a memory-mapped data-out register:
// set() is a read-modify-write of the pin's mask bit (target file `timestamp_pin`).
//
// The value written last is also kept in `tr_timestamp_pin_out` (C linkage, found by ELF
// symbol): QEMU models no MPS2/MPS3 GPIO, so reading the register back through the debugger
// returns 0, and a test that stops on a write watchpoint reads the line's level from there.
#pragma once

#include <cstdint>

#include "protocol/platform.h"

extern "C" volatile uint32_t tr_timestamp_pin_out;

namespace tr::port {

class MmioTimestampPin final : public fw::TimestampPin {
 public:
  MmioTimestampPin(uintptr_t data_out, uint32_t mask) : data_out_(data_out), mask_(mask) {}
  void set(bool high) override;

 private:
  uintptr_t data_out_;
  uint32_t mask_;
};

}  // namespace tr::port
