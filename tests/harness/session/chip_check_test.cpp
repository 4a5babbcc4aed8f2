// The identity check before a flash: CPUID part numbers named, a wrong core or a wrong unique ID
// refused with both sides in the message, variant and revision ignored by the default mask.
#include <catch2/catch.hpp>

#include "session/chip_check.h"

using namespace tr;
using Catch::Matchers::Contains;

namespace {

config::BoardSpec board_with(std::uint32_t cpuid, std::optional<std::string> unique_id = {}) {
  config::BoardSpec b;
  b.name = "m4-0";
  b.target.name = "qemu-m4";
  b.target.identity = config::ChipIdentity{cpuid, config::kDefaultCpuidMask, std::nullopt};
  b.unique_id = std::move(unique_id);
  return b;
}

std::string mismatch(const config::BoardSpec& board, const harness::ChipReport& chip) {
  try {
    harness::check_chip_identity(board, chip);
  } catch (const harness::IdentityMismatch& e) {
    return e.what();
  }
  FAIL("no IdentityMismatch");
  return {};
}

}  // namespace

TEST_CASE("CPUIDs are named by Arm part number, variant and revision", "[session][probe]") {
  CHECK(harness::describe_cpuid(0x410FC240) == "Cortex-M4 r0p0");
  CHECK(harness::describe_cpuid(0x411FC272) == "Cortex-M7 r1p2");
  CHECK(harness::describe_cpuid(0x410FD221) == "Cortex-M55 r0p1");
  CHECK(harness::describe_cpuid(0x410CC601) == "Cortex-M0+ r0p1");
  CHECK(harness::describe_cpuid(0x410FC2A0) == "part 0xc2a r0p0 of implementer 0x41");
  CHECK(harness::describe_cpuid(0x510FC240) == "part 0xc24 r0p0 of implementer 0x51");
}

TEST_CASE("the chip must be the target's core", "[session][probe]") {
  const auto m4 = board_with(0x410FC240);
  CHECK(harness::check_chip_identity(m4, {0x410FC240, std::nullopt}) ==
        "Cortex-M4 r0p0 (CPUID 0x410fc240)");
  // Another silicon revision of the same core passes the default mask.
  CHECK(harness::check_chip_identity(m4, {0x410FC241, std::nullopt}) ==
        "Cortex-M4 r0p1 (CPUID 0x410fc241)");
  const std::string m7 = mismatch(m4, {0x411FC272, std::nullopt});
  CHECK_THAT(m7, Contains("refusing to flash board 'm4-0': its probe reaches a Cortex-M7 r1p2 "
                          "(CPUID 0x411fc272), but target 'qemu-m4' is a Cortex-M4 r0p0 "
                          "(CPUID 0x410fc240 under mask 0xff00fff0)"));
  auto strict = m4;
  strict.target.identity->cpuid_mask = 0xFFFFFFFF;
  CHECK_THAT(mismatch(strict, {0x410FC241, std::nullopt}), Contains("Cortex-M4 r0p1"));
}

TEST_CASE("the unique ID is read out, and refused when the rack gives another",
          "[session][probe]") {
  const std::vector<std::uint8_t> uid = {0x00, 0x41, 0x00, 0x3a, 0xff};
  CHECK(harness::check_chip_identity(board_with(0x410FC240), {0x410FC240, uid}) ==
        "Cortex-M4 r0p0 (CPUID 0x410fc240), unique ID 0041003aff");
  CHECK(harness::check_chip_identity(board_with(0x410FC240, "0041003aff"), {0x410FC240, uid})
            .ends_with("unique ID 0041003aff"));
  CHECK_THAT(mismatch(board_with(0x410FC240, "0041003a00"), {0x410FC240, uid}),
             Contains("refusing to flash board 'm4-0': its probe reaches the Cortex-M4 r0p0 "
                      "(CPUID 0x410fc240) with unique ID 0041003aff, but the rack gives "
                      "0041003a00"));
}
