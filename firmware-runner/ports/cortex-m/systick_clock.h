// The timestamp clock of every Cortex-M port: SysTick at the core clock, extended to 64 bits by
// counting wraps in its exception. Under QEMU -icount every instruction advances virtual time
// by 2^shift ns, so the tick count is a deterministic instruction counter.
//
// The clock is paused while the runner idles in WFI waiting for input. With -icount sleep=off a
// running timer would make QEMU jump virtual time to each deadline and spin through idle; paused,
// idle costs nothing and the clock counts only executed instructions.
#pragma once

#include <cstdint>

#include "protocol/platform.h"

namespace tr::port {

class SysTickClock final : public fw::Clock {
 public:
  explicit SysTickClock(uint32_t hz) : hz_(hz) {}
  void start();
  void pause();
  void resume();
  uint64_t ticks() override;
  uint32_t hz() const override { return hz_; }

  static void on_wrap_isr();

 private:
  uint32_t hz_;
};

}  // namespace tr::port
