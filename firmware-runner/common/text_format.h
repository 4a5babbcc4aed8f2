// Number formatting without printf (newlib-nano's printf lacks 64-bit and float support, and
// the firmware must not pull it in). Each function writes a NUL-terminated string into `out`
// (never more than `cap` bytes including the NUL) and returns the length written.
#pragma once

#include <cstddef>
#include <cstdint>

namespace tr {

size_t format_uint(uint64_t v, char* out, size_t cap);
size_t format_int(int64_t v, char* out, size_t cap);
size_t format_hex32(uint32_t v, char* out, size_t cap);  // "0x" + 8 lowercase digits
// Fixed-point decimal with `decimals` digits after the point, rounded half away from zero
// (e.g. 0.0625 with 3 decimals -> "0.063", -1.5 with 0 decimals -> "-2").
size_t format_fixed(float v, int decimals, char* out, size_t cap);

// Parsing helpers for protocol tokens. Return false on empty input, a stray character or
// overflow; never read past `len`.
bool parse_uint32(const char* s, size_t len, uint32_t& out);
bool parse_hex_uint32(const char* s, size_t len, uint32_t& out);  // optional 0x prefix

}  // namespace tr
