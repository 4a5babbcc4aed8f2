#include "cortex-m/systick_clock.h"

#include "cortex-m/cortex_m.h"

// SysTick wraps so far: the high part of ticks(). C linkage so a debugger can rebuild the clock
// from the ELF symbol and SysTick VAL while the core is halted (the energy-mode test does).
extern "C" {
volatile uint32_t tr_systick_wraps = 0;
}

namespace tr::port {
namespace {

constexpr uint32_t kReload = 0x00FFFFFFu;  // full 24-bit range
constexpr uint32_t kCtrlEnable = 1u << 0;
constexpr uint32_t kCtrlTickInt = 1u << 1;
constexpr uint32_t kCtrlCoreClock = 1u << 2;

}  // namespace

void SysTickClock::on_wrap_isr() { tr_systick_wraps = tr_systick_wraps + 1; }

void SysTickClock::start() {
  using namespace cm;
  reg(kSysTickCtrl) = 0;
  reg(kSysTickLoad) = kReload;
  reg(kSysTickVal) = 0;  // any write clears the counter; it reloads on the next tick
  tr_systick_wraps = 0;
  resume();
}

void SysTickClock::pause() { cm::reg(cm::kSysTickCtrl) = kCtrlTickInt | kCtrlCoreClock; }

void SysTickClock::resume() {
  cm::reg(cm::kSysTickCtrl) = kCtrlEnable | kCtrlTickInt | kCtrlCoreClock;
}

uint64_t SysTickClock::ticks() {
  using namespace cm;
  // Read wraps and the counter as one value: with interrupts masked, a wrap that happened but
  // whose exception has not run yet shows as PENDSTSET; then the counter has already reloaded.
  disable_irq();
  uint32_t wraps = tr_systick_wraps;
  uint32_t val = reg(kSysTickVal);
  if ((reg(kScbIcsr) & kIcsrPendStSet) != 0) {
    val = reg(kSysTickVal);
    ++wraps;
  }
  enable_irq();
  return static_cast<uint64_t>(wraps) * (kReload + 1u) + (kReload - (val & kReload));
}

}  // namespace tr::port
