// What a target file says its chip reports through the debug probe, so the harness can refuse
// to flash the wrong board (the classic farm failure: a probe moved to another board, two USB
// cables swapped). Target files give:
//   "identity": { "cpuid": "0x410FC240", "cpuid_mask": "0xFF00FFF0",
//                 "unique_id": { "address": "0x1FFF7590", "bytes": 12 } }
// cpuid is the core's CPUID register (0xE000ED00 on every Cortex-M); the default mask compares
// implementer, architecture and part number and ignores variant and revision, which differ
// between silicon revisions of one part. unique_id is where the device's factory-programmed
// unique ID lives (absent on QEMU boards, which have none).
#pragma once

#include <cstdint>
#include <optional>

#include "config/json_node.h"

namespace tr::config {

inline constexpr std::uint32_t kCpuidAddress = 0xE000ED00;
inline constexpr std::uint32_t kDefaultCpuidMask = 0xFF00FFF0;

struct UniqueIdLocation {
  std::uint32_t address = 0;
  std::uint32_t bytes = 0;  // 1..32
};

struct ChipIdentity {
  std::uint32_t cpuid = 0;
  std::uint32_t cpuid_mask = kDefaultCpuidMask;
  std::optional<UniqueIdLocation> unique_id;
};

// Throws ConfigError (file + JSON pointer) for a missing cpuid, a mask that keeps no part
// number bits, or a unique ID of 0 or more than 32 bytes.
ChipIdentity parse_chip_identity(const JsonNode& node);

}  // namespace tr::config
