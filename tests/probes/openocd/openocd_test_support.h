// Helpers for the tests against the real openocd with the dummy adapter (openocd-pyocd.md
// §1.1): no hardware and no target, so the Tcl server, framing and error paths are real.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>

#include "openocd/openocd_process.h"

namespace tr::probe::test {

// Whether an openocd is on PATH; tests skip (WARN + return) when it is not.
bool have_openocd();

// A launch spec for the dummy adapter, logging to a fresh file in the test's scratch folder.
OpenOcdLaunchSpec dummy_openocd_spec(const char* scratch_name);

// Whether process `pid` still exists (a zombie counts: it has not been reaped).
bool process_exists(int pid);

// openocd processes whose parent is this test process.
std::size_t child_openocd_count();

}  // namespace tr::probe::test
