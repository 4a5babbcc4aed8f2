// Line settings for a tty fd: raw 8N1, no flow control, the baud rate, DTR. Kept apart from
// SerialPort so the termios / termios2 headers (which clash) stay in their own files.
#pragma once

#include <string>

namespace tr::power::serial {

// Raw mode and `baud` (standard rates through termios, others through termios2 BOTHER), then
// DTR on/off. Throws PowerError(config) naming `path` when the tty refuses. DTR errors are
// ignored on ttys without modem lines (PTYs).
void apply_line_settings(int fd, const std::string& path, unsigned baud, bool dtr);

// termios2 BOTHER: any integer rate on Linux. False when the driver refuses it.
bool set_custom_baud(int fd, unsigned baud);

}  // namespace tr::power::serial
