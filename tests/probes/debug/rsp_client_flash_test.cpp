// RspClient's vFlash path against the fake stub's flash target: memory map, erase alignment
// and merging, packet splitting, binary escaping, RAM parts, read-back verify.
#include <boost/asio/io_context.hpp>
#include <catch2/catch.hpp>

#include "debug/probe_error.h"
#include "debug/rsp_client.h"
#include "elf_builder.h"
#include "fake_rsp_flash.h"
#include "rsp_client_fixture.h"

using namespace tr::probe;
namespace asio = boost::asio;
using asio::awaitable;
using tr::probe::test::FakeFlashTarget;
using tr::probe::test::FakeStubLink;

namespace {

FakeFlashTarget stm32_like() {
  FakeFlashTarget t;
  t.regions = {{"rom", 0x1fff0000, 0x1000, 0},
               {"flash", 0x08000000, 0x10000, 0x800},
               {"ram", 0x20000000, 0x8000, 0}};
  return t;
}

ElfImage image_of(std::vector<tr::probe::test::ElfBuilder::Segment> segments) {
  tr::probe::test::ElfBuilder b;
  b.entry = 0x08000101;
  b.segments = std::move(segments);
  const auto bytes = b.build();
  return ElfImage::parse(bytes, "flash.elf");
}

std::vector<std::uint8_t> pattern(std::size_t n, unsigned seed) {
  std::vector<std::uint8_t> out(n);
  for (std::size_t i = 0; i < n; ++i) out[i] = static_cast<std::uint8_t>(i * seed + (i >> 7));
  return out;
}

struct FlashFixture : tr::probe::test::RspClientFixture {
  FakeFlashTarget target = stm32_like();
  void start_target() {
    start([this](FakeStubLink& link) -> awaitable<void> {
      co_await tr::probe::test::serve_flash_target(link, target);
    });
    run(client.handshake());
  }
  void check_memory(const ElfImage& image) {
    for (const auto& s : image.segments()) {
      for (std::size_t i = 0; i < s.bytes.size(); ++i) {
        REQUIRE(target.memory[s.address + static_cast<std::uint32_t>(i)] == s.bytes[i]);
      }
    }
  }
};

}  // namespace

TEST_CASE("the memory map is read in chunks and parsed", "[rsp][vflash]") {
  FlashFixture f;
  f.start_target();
  const auto map = f.run(f.client.read_memory_map());
  CHECK(f.target.map_requests > 3);  // 64-byte chunks of a ~400-byte map
  REQUIRE(map.size() == 3);          // sorted by address
  CHECK(map[0].type == rsp::MemoryRegion::Type::flash);
  CHECK(map[0].start == 0x08000000);
  CHECK(map[0].blocksize == 0x800);
  CHECK(map[1].type == rsp::MemoryRegion::Type::rom);
  CHECK(map[2].type == rsp::MemoryRegion::Type::ram);
}

TEST_CASE("flash_via_gdb erases whole blocks, splits packets and writes RAM with M",
          "[rsp][vflash]") {
  FlashFixture f;
  SECTION("no-ack mode") {
    f.target.offer_no_ack = true;
  }
  SECTION("ack mode") {
    f.target.offer_no_ack = false;
  }
  f.start_target();
  const auto image = image_of({{0x08000100, pattern(3000, 7)},
                               {0x08001f00, pattern(0x200, 13)},
                               {0x20000000, pattern(16, 3)}});
  const FlashReport report = f.run(f.client.flash_via_gdb(image));
  CHECK(f.target.violations.empty());
  // 0x08000100..0x08000cb8 -> blocks 0x08000000..0x08001000; 0x08001f00..0x08002100 ->
  // 0x08001800..0x08002800. Not adjacent: two erases.
  using Erase = std::pair<std::uint32_t, std::uint32_t>;
  CHECK(f.target.erases == std::vector<Erase>{{0x08000000, 0x1000}, {0x08001800, 0x1000}});
  CHECK(f.target.flash_done);
  CHECK(f.target.write_packets.size() > 10);  // 3512 bytes in packets of at most 256
  for (std::size_t size : f.target.write_packets) CHECK(size <= 0x100);
  CHECK(f.target.write_packets.front() > 0xf0);  // and they are nearly full
  f.check_memory(image);
  CHECK(report.segments == 3);
  CHECK(report.bytes == 3000 + 0x200 + 16);
  CHECK(report.sha256 == image.sha256());
}

TEST_CASE("segments sharing or touching blocks give one merged erase", "[rsp][vflash]") {
  FlashFixture f;
  f.start_target();
  const auto image = image_of({{0x08000000, pattern(0x10, 5)},
                               {0x08000400, pattern(0x10, 9)},
                               {0x08000800, pattern(0x900, 11)}});
  f.run(f.client.flash_via_gdb(image));
  CHECK(f.target.violations.empty());
  using Erase = std::pair<std::uint32_t, std::uint32_t>;
  CHECK(f.target.erases == std::vector<Erase>{{0x08000000, 0x1800}});
  f.check_memory(image);
}

TEST_CASE("0x23 0x24 0x7d 0x2a bytes are escaped in vFlashWrite", "[rsp][vflash]") {
  FlashFixture f;
  f.start_target();
  const std::vector<std::uint8_t> special = {0x23, 0x24, 0x7d, 0x2a, 0x41};
  std::vector<std::uint8_t> nasty;
  for (int i = 0; i < 300; ++i) nasty.insert(nasty.end(), special.begin(), special.end());
  const auto image = image_of({{0x08004000, nasty}});
  f.run(f.client.flash_via_gdb(image));
  CHECK(f.target.violations.empty());
  CHECK(f.target.escapes == 4 * 300);
  for (std::size_t size : f.target.write_packets) CHECK(size <= 0x100);
  f.check_memory(image);
}

TEST_CASE("a byte that does not program is a verify error naming its address", "[rsp][vflash]") {
  FlashFixture f;
  f.target.stuck_byte = 0x08000105;
  f.start_target();
  const auto image = image_of({{0x08000100, pattern(64, 7)}});
  try {
    f.run(f.client.flash_via_gdb(image));
    FAIL("verify passed");
  } catch (const ProbeError& e) {
    CHECK(e.code() == ProbeErrc::target);
    CHECK_THAT(e.what(), Catch::Contains("flash.elf") && Catch::Contains("failed at 0x8000105") &&
                             Catch::Contains("read back 0xff"));
  }
}

TEST_CASE("bytes outside the map or in ROM are refused before erasing", "[rsp][vflash]") {
  FlashFixture f;
  f.start_target();
  CHECK_THROWS_WITH(f.run(f.client.flash_via_gdb(
                        image_of({{0x08000000, pattern(16, 1)}, {0x30000000, pattern(16, 1)}}))),
                    Catch::Contains("0x30000000 is outside the target's memory map"));
  // A segment running off the end of flash into unmapped space names where it leaves.
  CHECK_THROWS_WITH(f.run(f.client.flash_via_gdb(image_of({{0x0800fff0, pattern(32, 1)}}))),
                    Catch::Contains("segment at 0x800fff0") && Catch::Contains("0x8010000 is "));
  CHECK_THROWS_WITH(f.run(f.client.flash_via_gdb(image_of({{0x1fff0000, pattern(16, 1)}}))),
                    Catch::Contains("is in ROM"));
  CHECK(f.target.erases.empty());
}

TEST_CASE("a stub without a memory map cannot flash through vFlash", "[rsp][vflash]") {
  tr::probe::test::RspClientFixture f;
  f.start([](FakeStubLink& link) -> awaitable<void> {
    co_await link.packet();
    co_await link.reply("PacketSize=1000;qXfer:features:read+;vContSupported+");  // QEMU's
    co_await link.expect_ack();
  });
  f.run(f.client.handshake());
  CHECK_THROWS_WITH(f.run(f.client.read_memory_map()), Catch::Contains("offers no memory map"));
  f.finish_stub();
}
