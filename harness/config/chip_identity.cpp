#include "config/chip_identity.h"

namespace tr::config {

namespace {
constexpr std::uint32_t kPartNumberBits = 0x0000FFF0;
constexpr std::uint64_t kMaxUniqueIdBytes = 32;
}  // namespace

ChipIdentity parse_chip_identity(const JsonNode& node) {
  node.expect_object({"cpuid", "cpuid_mask", "unique_id"});
  ChipIdentity id;
  id.cpuid = node["cpuid"].hex_u32();
  if (auto mask = node.find("cpuid_mask")) {
    id.cpuid_mask = mask->hex_u32();
    if ((id.cpuid_mask & kPartNumberBits) != kPartNumberBits) {
      mask->fail("must keep the part number bits 0x0000FFF0, or any Cortex-M would pass");
    }
  }
  if (auto uid = node.find("unique_id")) {
    uid->expect_object({"address", "bytes"});
    id.unique_id = UniqueIdLocation{
        (*uid)["address"].hex_u32(),
        static_cast<std::uint32_t>((*uid)["bytes"].unsigned_integer(1, kMaxUniqueIdBytes))};
  }
  return id;
}

}  // namespace tr::config
