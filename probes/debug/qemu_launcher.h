// launch_qemu(): starts qemu-system-arm halted (-S) with its GDB stub and console UART on
// loopback ports, and returns once the GDB port accepts connections. No -kernel: firmware goes
// in through the GDB stub (QemuProbe::flash), so a reset does not restore a stale image.
#pragma once

#include <array>
#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "debug/qemu_process.h"

namespace tr::probe {

struct QemuLaunchSpec {
  std::string program = "qemu-system-arm";  // looked up on PATH unless it contains a '/'
  std::string machine;                      // -M, e.g. "mps2-an386"
  int icount_shift = 0;                     // -icount shift=N: 2^N ns per instruction
  std::filesystem::path stderr_path;        // QEMU's stderr is appended here (required)
  std::vector<std::string> extra_args;      // appended after the standard arguments
};

// Returns {gdb port, console port}; the default picks free loopback ports. Tests inject one
// that hands out a busy port first.
using PortPicker = std::function<std::array<std::uint16_t, 2>()>;

// The arguments after the program name, exactly as launch_qemu() passes them.
std::vector<std::string> qemu_arguments(const QemuLaunchSpec& spec, std::uint16_t gdb_port,
                                        std::uint16_t console_port);

// Spawns QEMU and waits (within `timeout`, all attempts included) until its GDB port accepts
// a connection. If QEMU exits because a port was taken meanwhile, it retries with new ports a
// few times; any other early exit is ProbeError(process) quoting QEMU's last stderr lines.
boost::asio::awaitable<std::unique_ptr<QemuProcess>> launch_qemu(
    QemuLaunchSpec spec, std::chrono::steady_clock::duration timeout, PortPicker pick_ports = {});

}  // namespace tr::probe
