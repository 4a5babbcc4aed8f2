// CRC-32 (IEEE 802.3, zlib polynomial 0xEDB88320, reflected, init and final XOR 0xFFFFFFFF):
// the checksum the host sends with `tr-model` and `tr-input`, and the one the fact sheets use
// for per-operator golden outputs.
#pragma once

#include <cstddef>
#include <cstdint>

namespace tr {

// Continue a running CRC: crc32_update(0, ...) starts a new one.
uint32_t crc32_update(uint32_t crc, const uint8_t* data, size_t len);
inline uint32_t crc32(const uint8_t* data, size_t len) { return crc32_update(0, data, len); }

}  // namespace tr
