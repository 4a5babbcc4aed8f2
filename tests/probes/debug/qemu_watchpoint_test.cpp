// RspClient watchpoints against QEMU's gdbstub (mps2-an386, no firmware): a write watchpoint
// stops on a store to an unmodelled device register (the CMSDK GPIO0 data-out register the
// runner's energy mode drives) as well as on RAM, and z2 removes it.
#include <boost/asio/io_context.hpp>
#include <catch2/catch.hpp>
#include <vector>

#include "debug/qemu_launcher.h"
#include "debug/rsp_client.h"
#include "qemu_test_support.h"
#include "run_coro.h"

using namespace tr::probe;
using namespace std::chrono_literals;
namespace asio = boost::asio;
using tr::probe::test::an386_spec;
using tr::probe::test::run_coro;

namespace {

constexpr std::uint32_t kGpioDataOut = 0x40010004;
constexpr std::uint32_t kCounter = 0x20000100;

// Vector table (SP 0x20010000, reset 0x8), then at 0x8:
//   loop: ldr r0,=0x40010004; movs r1,#1; str r1,[r0]; movs r1,#0; str r1,[r0]
//         ldr r2,=0x20000100; adds r3,#1; str r3,[r2]; b loop
const std::vector<std::uint8_t> kProgram = {0x00, 0x00, 0x01, 0x20, 0x09, 0x00, 0x00, 0x00, 0x04,
                                            0x48, 0x01, 0x21, 0x01, 0x60, 0x00, 0x21, 0x01, 0x60,
                                            0x03, 0x4a, 0x01, 0x33, 0x13, 0x60, 0xf6, 0xe7, 0x00,
                                            0x00, 0x04, 0x00, 0x01, 0x40, 0x00, 0x01, 0x00, 0x20};

std::uint32_t word_at(const std::vector<std::uint8_t>& b) {
  return b[0] | b[1] << 8 | b[2] << 16 | static_cast<std::uint32_t>(b[3]) << 24;
}

}  // namespace

TEST_CASE("QEMU gdbstub: Z2 stops after each store to a GPIO register and to RAM, z2 removes it",
          "[qemu][integration][watch]") {
  TR_REQUIRE_QEMU_OR_SKIP();
  asio::io_context ctx;
  auto qemu = run_coro(ctx, launch_qemu(an386_spec("gdbstub_watch"), 20s));
  RspClient client(ctx.get_executor());
  run_coro(ctx, client.connect({asio::ip::address_v4::loopback(), qemu->gdb_port()}, 5s));
  run_coro(ctx, client.handshake());
  run_coro(ctx, client.write_memory(0, kProgram));
  run_coro(ctx, client.monitor("system_reset"));

  run_coro(ctx, client.insert_watchpoint(WatchpointKind::write, kGpioDataOut, 4));
  // Two stores per loop. QEMU stops before each, with the PC on the store (as Arm hardware
  // does); run_until_stop() steps over it on the way on, so every store stops exactly once.
  for (const std::uint32_t pc : {0x0cu, 0x10u, 0x0cu}) {
    const auto stop = run_coro(ctx, client.run_until_stop(10s));
    REQUIRE(stop.watchpoint());
    CHECK(stop.watch == rsp::WatchHit::write);
    CHECK(stop.watch_address == kGpioDataOut);
    CHECK(run_coro(ctx, client.read_register(15)) == pc);
  }
  run_coro(ctx, client.remove_watchpoint(WatchpointKind::write, kGpioDataOut, 4));

  // On RAM the stop also comes before the store: the counter still holds the first loop's 1.
  run_coro(ctx, client.insert_watchpoint(WatchpointKind::write, kCounter, 4));
  const auto ram_stop = run_coro(ctx, client.run_until_stop(10s));
  REQUIRE(ram_stop.watchpoint());
  CHECK(ram_stop.watch_address == kCounter);
  CHECK(word_at(run_coro(ctx, client.read_memory(kCounter, 4))) == 1);
  CHECK(run_coro(ctx, client.read_register(15)) == 0x16u);
  run_coro(ctx, client.remove_watchpoint(WatchpointKind::write, kCounter, 4));

  // No watchpoint left: the loop runs until the deadline, then 0x03 halts it.
  const auto halted = run_coro(ctx, client.run_until_stop(300ms));
  CHECK_FALSE(halted.watchpoint());
  CHECK(halted.code == 2);
  CHECK(word_at(run_coro(ctx, client.read_memory(kCounter, 4))) > 1);
}
