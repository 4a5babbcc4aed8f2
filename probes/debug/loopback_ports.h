// Loopback TCP port helpers for probe-server launchers.
#pragma once

#include <array>
#include <cstdint>
#include <optional>

namespace tr::probe {

// `count` distinct ports that were free a moment ago (each bound to 127.0.0.1:0 to learn it,
// all held until the last is known, then closed). Another process may take one before the
// server binds it: launchers retry on "Address already in use".
std::array<std::uint16_t, 2> pick_free_loopback_ports();

// Whether process `pid` owns an IPv4 TCP socket listening on `port` (Linux /proc/net/tcp and
// /proc/<pid>/fd). Tells QEMU's own listener from a stranger's on a port QEMU failed to bind.
// nullopt when /proc cannot tell.
std::optional<bool> process_listens_on(int pid, std::uint16_t port);

}  // namespace tr::probe
