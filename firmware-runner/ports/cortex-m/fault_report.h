// Last words on a fault: one `e-[...]` line with the fault status registers, so the host sees
// why a board stopped answering instead of a bare timeout.
#pragma once

namespace tr::port {
void report_fault();
}  // namespace tr::port
