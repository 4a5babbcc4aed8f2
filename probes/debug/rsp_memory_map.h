// The GDB memory map (gdb-rsp.md §3): which address ranges are RAM, ROM or flash, and each
// flash range's erase block size. Served by OpenOCD and pyOCD through qXfer:memory-map:read;
// needed to plan vFlashErase ranges. Parsing is pure; fetching is RspClient::read_memory_map().
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tr::probe::rsp {

struct MemoryRegion {
  enum class Type { ram, rom, flash };
  Type type = Type::ram;
  std::uint64_t start = 0;
  std::uint64_t length = 0;
  std::uint64_t blocksize = 0;  // flash only: the erase granularity (> 0)

  std::uint64_t end() const { return start + length; }  // one past the last byte
  bool contains(std::uint64_t address) const { return address >= start && address < end(); }
};

// Parses <memory-map> XML. Numbers may be hex (0x...) or decimal, as the DTD allows. A flash
// region without a positive blocksize, an unknown type, a zero length, overlapping regions or
// malformed XML throw ProbeError(protocol) naming the element and its offset in the text.
// Regions come back sorted by start.
std::vector<MemoryRegion> parse_memory_map(std::string_view xml);

// The region holding `address`, or null.
const MemoryRegion* find_region(const std::vector<MemoryRegion>& map, std::uint64_t address);

std::string to_string(MemoryRegion::Type type);

}  // namespace tr::probe::rsp
