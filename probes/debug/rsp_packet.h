// GDB Remote Serial Protocol packet text: checksums, framing, binary escaping, run-length
// decoding and hex. Pure functions, no I/O (gdb-rsp.md §1). Malformed input throws
// ProbeError(protocol) saying what was wrong and at which offset.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace tr::probe::rsp {

// Sum of the payload bytes modulo 256 (over the bytes as sent: escaped, RLE-encoded).
std::uint8_t checksum(std::string_view payload);

// "$" + payload + "#" + two lower-case hex digits. The payload is sent as given.
std::string frame(std::string_view payload);

// Binary escaping for X / vFlashWrite / qXfer data: '#', '$', '}' and '*' become '}' followed
// by the byte XOR 0x20.
std::string escape_binary(std::span<const std::uint8_t> bytes);
// Reverses escape_binary(); a trailing lone '}' is an error.
std::vector<std::uint8_t> unescape_binary(std::string_view text);

// Expands stub run-length encoding: "c*N" = c repeated (N - 29) extra times. GDB order on
// receive: checksum -> expand_rle -> unescape_binary.
std::string expand_rle(std::string_view payload);

// Lower-case hex of bytes, and back (either case accepted; odd length or non-hex is an error).
std::string hex_encode(std::span<const std::uint8_t> bytes);
std::string hex_encode(std::string_view text);
std::vector<std::uint8_t> hex_decode(std::string_view hex);
std::string hex_decode_text(std::string_view hex);

// Numbers in packets: hex without padding, most significant digit first ("8000120").
std::string hex_number(std::uint64_t value);
std::uint64_t parse_hex_number(std::string_view text);

// True for "E NN" error replies ("E14", also "E.memtype" from vFlashWrite).
bool is_error_reply(std::string_view payload);

// A packet shortened for error messages: long M/X payloads are cut after `max` characters.
std::string describe(std::string_view payload, std::size_t max = 40);

}  // namespace tr::probe::rsp
