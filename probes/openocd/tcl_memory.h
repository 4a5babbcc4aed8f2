// OpenOCD memory commands as text (openocd-pyocd.md §3): `read_memory addr 8 n` and
// `write_memory addr 8 {v ...}`, byte-wide, and the parsing of read_memory's result (a
// space-separated Tcl list of unpadded 0x... values). Pure functions, no I/O.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace tr::probe::tcl {

// Elements per read_memory / write_memory call: OpenOCD allows 64 K; this keeps each reply
// (about 5 characters a byte) small.
inline constexpr std::size_t kMemoryChunk = 4096;

// "read_memory 0x20000000 8 16"
std::string read_memory_command(std::uint32_t address, std::size_t count);
// "write_memory 0x20000000 8 {0x01 0xff ...}"
std::string write_memory_command(std::uint32_t address, std::span<const std::uint8_t> bytes);

// The bytes of a byte-wide read_memory result. Anything but exactly `count` values, each a
// 0x-prefixed hex number of at most 0xff, throws ProbeError(protocol) naming the address and
// which element was wrong.
std::vector<std::uint8_t> parse_read_memory(std::string_view result, std::uint32_t address,
                                            std::size_t count);

}  // namespace tr::probe::tcl
