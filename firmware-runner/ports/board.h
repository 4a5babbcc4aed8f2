// What a port provides to runner_main.cpp. Each port folder (qemu-mps2, qemu-mps3, later real
// boards) selects its drivers in sources.cmake; board facts come from the generated
// target_config.h.
#pragma once

#include "protocol/platform.h"

namespace tr::port {

void board_init();  // clocks, console UART, timestamp clock
fw::Console& console();
fw::Clock& clock();
fw::StackMeter& stack_meter();
// The energy-mode timestamp pin (target file `timestamp_pin`), or nullptr when the target
// names none; and how long each pulse is held low.
fw::TimestampPin* timestamp_pin();
uint32_t timestamp_hold_us();
// Blocks until the console has a byte, idling in WFI with the timestamp clock paused.
char read_char();

}  // namespace tr::port
