// The identity check before every flash: the chip behind the probe must be the one the rack
// says (its target's core by CPUID, and its factory unique ID where the rack gives one), else
// the harness refuses to flash it, naming what it found and what it expected.
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "config/rack_spec.h"

namespace tr::harness {

class IdentityMismatch : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// "Cortex-M4 r0p0", or "part 0xc2a r0p0 of implementer 0x41" for a part it does not know.
std::string describe_cpuid(std::uint32_t cpuid);

// Lowercase hex of the bytes, in address order.
std::string hex_bytes(const std::vector<std::uint8_t>& bytes);

// What the chip reported. unique_id is empty unless the target gives its address.
struct ChipReport {
  std::uint32_t cpuid = 0;
  std::optional<std::vector<std::uint8_t>> unique_id;
};

// Returns a one-line description of the chip ("Cortex-M4 r0p0 (CPUID 0x410fc240)" plus the
// unique ID when read); throws IdentityMismatch when it is not the board's.
std::string check_chip_identity(const config::BoardSpec& board, const ChipReport& chip);

}  // namespace tr::harness
