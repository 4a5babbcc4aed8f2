// The fake stub's flash side (an extension of fake_rsp_stub): a target with a memory map and
// a flash loader, served the way OpenOCD's GDB server does (gdb-rsp.md §3, §4.1): qSupported
// with qXfer:memory-map:read+, the map in small m/l chunks, vFlashErase / vFlashWrite /
// vFlashDone, m and M. It checks what a real loader would reject and records what it saw, so
// tests can assert erase alignment, packet sizes and escaping.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "fake_rsp_stub.h"

namespace tr::probe::test {

struct FakeRegion {
  std::string type;  // "flash", "ram" or "rom"
  std::uint32_t start = 0;
  std::uint32_t length = 0;
  std::uint32_t blocksize = 0;  // flash only
};

struct FakeFlashTarget {
  std::vector<FakeRegion> regions;
  std::size_t packet_size = 0x100;  // announced as PacketSize (hex)
  bool offer_no_ack = true;
  std::size_t map_chunk = 64;  // XML bytes per qXfer reply at most (forces several 'm' chunks)
  std::optional<std::uint32_t> stuck_byte;  // flash at this address keeps 0xff when written

  // What happened.
  std::map<std::uint32_t, std::uint8_t> memory;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> erases;  // (address, length)
  std::vector<std::size_t> write_packets;  // framed size of each vFlashWrite packet
  std::size_t escapes = 0;                 // '}' escapes seen in vFlashWrite data
  std::size_t map_requests = 0;
  bool flash_done = false;
  std::vector<std::string> violations;  // what a real loader would have refused

  // The <memory-map> XML of `regions`.
  std::string memory_map() const;
};

// Answers packets until the client detaches ('D') or disconnects.
boost::asio::awaitable<void> serve_flash_target(FakeStubLink& link, FakeFlashTarget& target);

}  // namespace tr::probe::test
