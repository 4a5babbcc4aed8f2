// Shared setup for tests that run a real qemu-system-arm: skip cleanly when it is missing.
#pragma once

#include <string>

#include "debug/qemu_launcher.h"

namespace tr::probe::test {

// True if qemu-system-arm is on PATH.
bool qemu_available();

// mps2-an386 (Cortex-M4, RAM at 0x0 and 0x20000000), stderr in a fresh scratch folder.
QemuLaunchSpec an386_spec(const char* test_name);

}  // namespace tr::probe::test

// Skips the current test (with a warning, not a failure) when QEMU is not installed.
#define TR_REQUIRE_QEMU_OR_SKIP()                                                  \
  do {                                                                             \
    if (!tr::probe::test::qemu_available()) {                                      \
      WARN("qemu-system-arm not found on PATH: test skipped (scripts/bootstrap)"); \
      return;                                                                      \
    }                                                                              \
  } while (false)
