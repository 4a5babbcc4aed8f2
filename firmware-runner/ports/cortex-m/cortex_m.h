// Architectural registers of the Armv7-M / Armv8-M system control space that the ports use.
// Board facts (UART addresses, clocks) never live here: they come from the target file.
#pragma once

#include <cstdint>

namespace tr::port::cm {

inline volatile uint32_t& reg(uintptr_t addr) { return *reinterpret_cast<volatile uint32_t*>(addr); }

constexpr uintptr_t kSysTickCtrl = 0xE000E010;
constexpr uintptr_t kSysTickLoad = 0xE000E014;
constexpr uintptr_t kSysTickVal = 0xE000E018;
constexpr uintptr_t kNvicIser = 0xE000E100;  // + 4*n, n = 0..15
constexpr uintptr_t kNvicIcer = 0xE000E180;
constexpr uintptr_t kNvicIcpr = 0xE000E280;
constexpr uintptr_t kScbIcsr = 0xE000ED04;
constexpr uintptr_t kScbCpacr = 0xE000ED88;
constexpr uintptr_t kScbHfsr = 0xE000ED2C;
constexpr uintptr_t kScbCfsr = 0xE000ED28;
constexpr uintptr_t kScbMmfar = 0xE000ED34;
constexpr uintptr_t kScbBfar = 0xE000ED38;

constexpr uint32_t kIcsrPendStSet = 1u << 26;
constexpr int kNvicWords = 16;  // enough for the 480 interrupts Armv8-M allows

inline void disable_irq() { __asm volatile("cpsid i" ::: "memory"); }
inline void enable_irq() { __asm volatile("cpsie i" ::: "memory"); }
inline void wfi() { __asm volatile("wfi" ::: "memory"); }
inline void dsb() { __asm volatile("dsb 0xf" ::: "memory"); }
inline void isb() { __asm volatile("isb 0xf" ::: "memory"); }

inline uint32_t stack_pointer() {
  uint32_t sp;
  __asm volatile("mov %0, sp" : "=r"(sp));
  return sp;
}

}  // namespace tr::port::cm
