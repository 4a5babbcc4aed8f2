// Reset and exception entry for every Cortex-M port: vector table, .data/.bss set-up, FPU
// enable (CPACR is 0 at reset, and -mfloat-abi=hard code faults without it), stack painting
// for the peak-stack statistic, static constructors, then main().
#include <cstdint>

#include "cortex-m/cortex_m.h"
#include "cortex-m/fault_report.h"
#include "cortex-m/painted_stack.h"
#include "cortex-m/systick_clock.h"

extern "C" {
extern uint32_t __data_load, __data_start, __data_end, __bss_start, __bss_end;
extern uint32_t __stack_limit, __stack_top;
extern void (*__init_array_start[])();
extern void (*__init_array_end[])();
int main();
void Reset_Handler();
void HardFault_Handler();
void Default_Handler();
}

namespace {

constexpr uint32_t kStackPaint = 0xA5A5A5A5u;
constexpr int kExternalVectors = 32;

using Vector = void (*)();

[[noreturn]] void halt_forever() {
  for (;;) tr::port::cm::wfi();
}

}  // namespace

extern "C" __attribute__((used, section(".isr_vector"))) const Vector g_vectors[16 +
                                                                                kExternalVectors] = {
    reinterpret_cast<Vector>(&__stack_top),
    Reset_Handler,
    Default_Handler,    // NMI
    HardFault_Handler,  // HardFault
    HardFault_Handler,  // MemManage
    HardFault_Handler,  // BusFault
    HardFault_Handler,  // UsageFault
    HardFault_Handler,  // SecureFault (Armv8-M)
    nullptr,
    nullptr,
    nullptr,
    Default_Handler,  // SVCall
    Default_Handler,  // DebugMonitor
    nullptr,
    Default_Handler,                         // PendSV
    tr::port::SysTickClock::on_wrap_isr,     // SysTick
    // External interrupts are only ever unmasked while idling with PRIMASK set (see
    // cmsdk_uart.cpp), so none is taken; a stray one lands in Default_Handler.
    Default_Handler, Default_Handler, Default_Handler, Default_Handler, Default_Handler,
    Default_Handler, Default_Handler, Default_Handler, Default_Handler, Default_Handler,
    Default_Handler, Default_Handler, Default_Handler, Default_Handler, Default_Handler,
    Default_Handler, Default_Handler, Default_Handler, Default_Handler, Default_Handler,
    Default_Handler, Default_Handler, Default_Handler, Default_Handler, Default_Handler,
    Default_Handler, Default_Handler, Default_Handler, Default_Handler, Default_Handler,
    Default_Handler, Default_Handler};

extern "C" void Reset_Handler() {
  using namespace tr::port::cm;
  const uint32_t* src = &__data_load;
  for (uint32_t* dst = &__data_start; dst < &__data_end;) *dst++ = *src++;
  for (uint32_t* dst = &__bss_start; dst < &__bss_end;) *dst++ = 0;

#if defined(__ARM_FP) || defined(__ARM_FEATURE_MVE)
  reg(kScbCpacr) |= 0xFu << 20;  // CP10 + CP11 full access
  dsb();
  isb();
#endif

  // Paint the stack below the current frame so tr-mem can report the peak depth.
  uint32_t* paint_end = reinterpret_cast<uint32_t*>(stack_pointer() - 64);
  for (uint32_t* p = &__stack_limit; p < paint_end; ++p) *p = kStackPaint;

  for (auto* ctor = __init_array_start; ctor < __init_array_end; ++ctor) (*ctor)();
  main();
  halt_forever();
}

extern "C" void Default_Handler() {
  // A stray external interrupt: mask it for good and return. IPSR holds the exception number.
  uint32_t ipsr;
  __asm volatile("mrs %0, ipsr" : "=r"(ipsr));
  if (ipsr >= 16) {
    uint32_t irq = ipsr - 16;
    tr::port::cm::reg(tr::port::cm::kNvicIcer + 4 * (irq / 32)) = 1u << (irq % 32);
    return;
  }
  halt_forever();
}

extern "C" void HardFault_Handler() {
  tr::port::report_fault();
  halt_forever();
}

namespace tr::port {

uint32_t stack_capacity() {
  return static_cast<uint32_t>(reinterpret_cast<uintptr_t>(&__stack_top) -
                               reinterpret_cast<uintptr_t>(&__stack_limit));
}

uint32_t stack_peak() {
  const uint32_t* p = &__stack_limit;
  while (p < &__stack_top && *p == kStackPaint) ++p;
  return static_cast<uint32_t>(reinterpret_cast<uintptr_t>(&__stack_top) -
                               reinterpret_cast<uintptr_t>(p));
}

}  // namespace tr::port
