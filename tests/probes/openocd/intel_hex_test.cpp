// Intel HEX output: record checksums, 64 KiB windows, extended addresses, round trip.
#include "openocd/intel_hex.h"

#include <catch2/catch.hpp>
#include <map>
#include <sstream>

#include "debug/rsp_packet.h"
#include "probes/debug/elf_builder.h"

using namespace tr::probe;
using tr::probe::test::ElfBuilder;

namespace {

ElfImage image_of(ElfBuilder b) {
  const auto bytes = b.build();
  return ElfImage::parse(bytes, "test.elf");
}

// An independent reader: every record's checksum must sum to zero; returns address -> byte.
std::map<std::uint32_t, std::uint8_t> read_hex(const std::string& text, std::uint32_t& start) {
  std::map<std::uint32_t, std::uint8_t> memory;
  std::uint32_t upper = 0;
  bool ended = false;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    REQUIRE_FALSE(ended);
    REQUIRE(line.size() >= 11);
    REQUIRE(line[0] == ':');
    const auto bytes = rsp::hex_decode(line.substr(1));
    unsigned sum = 0;
    for (auto b : bytes) sum += b;
    REQUIRE((sum & 0xff) == 0);
    REQUIRE(bytes.size() == bytes[0] + 5u);
    const std::uint32_t offset = static_cast<std::uint32_t>(bytes[1] << 8 | bytes[2]);
    const std::uint8_t type = bytes[3];
    if (type == 0) {
      REQUIRE(offset + bytes[0] <= 0x10000u);  // never past the 64 KiB window
      for (std::uint32_t i = 0; i < bytes[0]; ++i)
        memory[(upper << 16) + offset + i] = bytes[4 + i];
    } else if (type == 4) {
      upper = static_cast<std::uint32_t>(bytes[4] << 8 | bytes[5]);
    } else if (type == 5) {
      start =
          static_cast<std::uint32_t>(bytes[4]) << 24 | bytes[5] << 16 | bytes[6] << 8 | bytes[7];
    } else {
      REQUIRE(type == 1);
      ended = true;
    }
  }
  REQUIRE(ended);
  return memory;
}

}  // namespace

TEST_CASE("intel_hex writes known records", "[openocd][hex]") {
  ElfBuilder b;
  b.entry = 0x08000101;
  b.segments = {{0x08000000, {0x00, 0x10, 0x00, 0x20}}};
  const std::string hex = intel_hex(image_of(b));
  CHECK(hex ==
        ":020000040800F2\n"
        ":0400000000100020CC\n"
        ":0400000508000101ED\n"
        ":00000001FF\n");
}

TEST_CASE("intel_hex round-trips segments across 64 KiB windows", "[openocd][hex]") {
  ElfBuilder b;
  b.entry = 0x101;
  std::vector<std::uint8_t> big(300);
  for (std::size_t i = 0; i < big.size(); ++i) big[i] = static_cast<std::uint8_t>(i * 7);
  b.segments = {{0x0000fff8, big}, {0x20000000, {0xaa, 0xbb, 0xcc}}};
  const auto image = image_of(b);
  std::uint32_t start = 0;
  const auto memory = read_hex(intel_hex(image), start);
  CHECK(start == 0x101);
  std::size_t expected = 0;
  for (const auto& segment : image.segments()) {
    for (std::size_t i = 0; i < segment.bytes.size(); ++i, ++expected) {
      const auto at = static_cast<std::uint32_t>(segment.address + i);
      REQUIRE(memory.count(at) == 1);
      CHECK(memory.at(at) == segment.bytes[i]);
    }
  }
  CHECK(memory.size() == expected);
}
