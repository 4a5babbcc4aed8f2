// The board services the command loop uses: console output, the timestamp clock, RAM slots
// and identity strings. Each port implements them; protocol tests use fakes.
#pragma once

#include <cstddef>
#include <cstdint>

namespace tr::fw {

class Console {
 public:
  virtual ~Console() = default;
  virtual void write(const char* s, size_t n) = 0;  // blocking, never drops bytes
};

class Clock {
 public:
  virtual ~Clock() = default;
  // Monotonic tick count of the timestamp timer (64-bit, never wraps in practice).
  virtual uint64_t ticks() = 0;
  virtual uint32_t hz() const = 0;
};

// A RAM region the host may write through the debug probe (model and input slots).
struct Slot {
  uint8_t* data = nullptr;
  uint32_t capacity = 0;
};

// Optional: a port that paints its stack can report how much of it the deepest call used
// (`tr-mem`). Ports without one pass nullptr to the Runner.
class StackMeter {
 public:
  virtual ~StackMeter() = default;
  virtual uint32_t stack_capacity() const = 0;  // bytes reserved for the main stack
  virtual uint32_t stack_peak() const = 0;      // most bytes ever in use
};

// Optional: the energy-mode timestamp output, a GPIO line that idles high (docs/protocol.md,
// "Energy mode"). Ports without one pass nothing and `tr-timestamp-mode energy` is refused.
class TimestampPin {
 public:
  virtual ~TimestampPin() = default;
  virtual void set(bool high) = 0;  // drives the line; returns once the write is issued
};

struct Identity {
  const char* firmware_version = "";  // e.g. "0.1.0"
  const char* target = "";            // target file name, e.g. "qemu-m4"
  const char* build_hash = "";        // hash of the firmware sources and flags
};

}  // namespace tr::fw
