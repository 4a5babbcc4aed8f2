// Ends an emulation from the firmware through Arm semihosting (SYS_EXIT). Only for images run
// under a debugger or QEMU with -semihosting-config enable=on; on a bare board the BKPT would
// halt the core, so the runner never calls it.
#pragma once

#include <cstdint>

namespace tr::port {

[[noreturn]] inline void semihosting_exit(bool success) {
  constexpr uint32_t kSysExit = 0x18;
  constexpr uint32_t kApplicationExit = 0x20026;  // exit status 0
  constexpr uint32_t kRunTimeError = 0x20023;     // exit status 1
  register uint32_t r0 __asm("r0") = kSysExit;
  register uint32_t r1 __asm("r1") = success ? kApplicationExit : kRunTimeError;
  __asm volatile("bkpt 0xab" : : "r"(r0), "r"(r1) : "memory");
  for (;;) {
  }
}

}  // namespace tr::port
