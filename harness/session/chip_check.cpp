#include "session/chip_check.h"

#include <cstdio>

namespace tr::harness {
namespace {

struct KnownPart {
  std::uint32_t part;
  const char* name;
};

// Arm's part numbers (CPUID bits 15:4) for the Cortex-M cores, from each core's Technical
// Reference Manual (CPUID register description).
constexpr KnownPart kArmParts[] = {
    {0xC20, "Cortex-M0"},  {0xC60, "Cortex-M0+"}, {0xC21, "Cortex-M1"},  {0xC23, "Cortex-M3"},
    {0xC24, "Cortex-M4"},  {0xC27, "Cortex-M7"},  {0xD20, "Cortex-M23"}, {0xD21, "Cortex-M33"},
    {0xD22, "Cortex-M55"}, {0xD23, "Cortex-M85"},
};
constexpr std::uint32_t kArmImplementer = 0x41;

std::string hex32(std::uint32_t v) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "0x%08x", v);
  return buf;
}

}  // namespace

std::string describe_cpuid(std::uint32_t cpuid) {
  const std::uint32_t implementer = cpuid >> 24;
  const std::uint32_t variant = (cpuid >> 20) & 0xF;
  const std::uint32_t part = (cpuid >> 4) & 0xFFF;
  const std::uint32_t revision = cpuid & 0xF;
  const std::string rev = " r" + std::to_string(variant) + "p" + std::to_string(revision);
  if (implementer == kArmImplementer) {
    for (const KnownPart& k : kArmParts) {
      if (k.part == part) return k.name + rev;
    }
  }
  char buf[64];
  std::snprintf(buf, sizeof buf, "part 0x%03x%s of implementer 0x%02x", part, rev.c_str(),
                implementer);
  return buf;
}

std::string hex_bytes(const std::vector<std::uint8_t>& bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (std::uint8_t b : bytes) {
    out += kDigits[b >> 4];
    out += kDigits[b & 0xF];
  }
  return out;
}

std::string check_chip_identity(const config::BoardSpec& board, const ChipReport& chip) {
  const config::ChipIdentity& want = *board.target.identity;
  const std::string found = describe_cpuid(chip.cpuid) + " (CPUID " + hex32(chip.cpuid) + ")";
  if ((chip.cpuid & want.cpuid_mask) != (want.cpuid & want.cpuid_mask)) {
    throw IdentityMismatch("refusing to flash board '" + board.name + "': its probe reaches a " +
                           found + ", but target '" + board.target.name + "' is a " +
                           describe_cpuid(want.cpuid) + " (CPUID " + hex32(want.cpuid) +
                           " under mask " + hex32(want.cpuid_mask) +
                           "); is the probe on the right board, or the board on the right "
                           "target?");
  }
  if (!chip.unique_id) return found;
  const std::string uid = hex_bytes(*chip.unique_id);
  if (board.unique_id && *board.unique_id != uid) {
    throw IdentityMismatch("refusing to flash board '" + board.name + "': its probe reaches the " +
                           found + " with unique ID " + uid + ", but the rack gives " +
                           *board.unique_id + "; is the probe on the right board?");
  }
  return found + ", unique ID " + uid;
}

}  // namespace tr::harness
