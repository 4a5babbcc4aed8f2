// QemuProbe end to end on mps2-an386: flash an ELF built here, verify, reset into it, run, halt.
#include "debug/qemu_probe.h"

#include <boost/asio/io_context.hpp>
#include <catch2/catch.hpp>
#include <csignal>

#include "debug/probe_error.h"
#include "elf_builder.h"
#include "qemu_test_support.h"
#include "run_coro.h"

using namespace tr::probe;
using namespace std::chrono_literals;
namespace asio = boost::asio;
using tr::probe::test::ElfBuilder;
using tr::probe::test::run_coro;

namespace {

constexpr std::uint32_t kInitialSp = 0x20010000;
constexpr std::uint32_t kLoopAddress = 0x100;  // Reset_Handler: "b ." (Thumb 0xe7fe)

void put32(std::vector<std::uint8_t>& v, std::size_t at, std::uint32_t x) {
  for (int i = 0; i < 4; ++i) v[at + i] = static_cast<std::uint8_t>(x >> (8 * i));
}

// A vector table at 0 (SP, Reset = loop | 1), the loop at 0x100, and 1 KiB of data in RAM.
ElfImage spin_image() {
  ElfBuilder b;
  std::vector<std::uint8_t> code(kLoopAddress + 2, 0);
  put32(code, 0, kInitialSp);
  put32(code, 4, kLoopAddress | 1);
  code[kLoopAddress] = 0xfe;
  code[kLoopAddress + 1] = 0xe7;
  std::vector<std::uint8_t> data(1024);
  for (std::size_t i = 0; i < data.size(); ++i) data[i] = static_cast<std::uint8_t>(i * 13 + 1);
  b.entry = 0;  // like a link without ENTRY(Reset_Handler): only the reset gets this right
  b.segments = {{0, code}, {0x20000000, data}};
  b.symbols = {{"Reset_Handler", kLoopAddress | 1}};
  return ElfImage::parse(b.build(), "spin.elf");
}

QemuProbeConfig config(const char* name) {
  QemuProbeConfig c;
  c.launch = tr::probe::test::an386_spec(name);
  c.launch_timeout = 20s;
  return c;
}

}  // namespace

TEST_CASE("QemuProbe flashes, verifies, resets into the image, runs and halts",
          "[qemu][integration][probe]") {
  TR_REQUIRE_QEMU_OR_SKIP();
  asio::io_context ctx;
  QemuProbe probe(ctx.get_executor(), config("probe_flash"));
  run_coro(ctx, probe.open());
  REQUIRE(probe.is_open());
  CHECK_THAT(probe.description(), Catch::StartsWith("qemu mps2-an386 (gdb 127.0.0.1:"));

  const auto image = spin_image();
  const auto report = run_coro(ctx, probe.flash(image));
  CHECK(report.segments == 2);
  CHECK(report.bytes == kLoopAddress + 2 + 1024);
  CHECK(report.sha256 == image.sha256());
  // system_reset loaded SP and PC from the flashed vector table.
  CHECK(run_coro(ctx, probe.rsp().read_register(13)) == kInitialSp);
  CHECK(run_coro(ctx, probe.rsp().read_register(15)) == kLoopAddress);
  CHECK(run_coro(ctx, probe.read_memory(0x20000000, 1024)) == image.segments()[1].bytes);

  run_coro(ctx, probe.resume());
  CHECK(probe.running());
  run_coro(ctx, probe.halt());  // 0x03 -> T02
  CHECK_FALSE(probe.running());
  CHECK(run_coro(ctx, probe.rsp().read_register(15)) == kLoopAddress);  // spinning in place

  // Memory access on a running target halts it first.
  run_coro(ctx, probe.resume());
  const std::vector<std::uint8_t> marker = {0xde, 0xad, 0xbe, 0xef};
  run_coro(ctx, probe.write_memory(0x20000400, marker));
  CHECK_FALSE(probe.running());
  CHECK(run_coro(ctx, probe.read_memory(0x20000400, 4)) == marker);

  run_coro(ctx, probe.reset());
  CHECK(run_coro(ctx, probe.rsp().read_register(15)) == kLoopAddress);

  const int pid = probe.process()->pid();
  run_coro(ctx, probe.close());
  CHECK_FALSE(probe.is_open());
  CHECK(::kill(pid, 0) == -1);
}

TEST_CASE("QemuProbe verify failure names the address", "[qemu][integration][probe]") {
  TR_REQUIRE_QEMU_OR_SKIP();
  asio::io_context ctx;
  QemuProbe probe(ctx.get_executor(), config("probe_verify"));
  run_coro(ctx, probe.open());
  // The console UART's peripheral ID registers accept the debugger's write but keep their value.
  ElfBuilder b;
  b.segments = {{0x40004fe0, {0xaa, 0xaa, 0xaa, 0xaa}}};
  const auto image = ElfImage::parse(b.build(), "mmio.elf");
  try {
    run_coro(ctx, probe.flash(image));
    FAIL("verify passed on read-only registers");
  } catch (const ProbeError& e) {
    CHECK(e.code() == ProbeErrc::target);
    CHECK_THAT(e.what(), Catch::Contains("verify of mmio.elf failed at 0x40004fe0") &&
                             Catch::Contains("wrote 0xaa"));
  }
}

TEST_CASE("QemuProbe refuses work before open and cleans up on destruction",
          "[qemu][integration][probe]") {
  TR_REQUIRE_QEMU_OR_SKIP();
  asio::io_context ctx;
  int pid = 0;
  {
    QemuProbe probe(ctx.get_executor(), config("probe_lifetime"));
    CHECK_THROWS_WITH(run_coro(ctx, probe.halt()), Catch::Contains("cannot halt before open()"));
    run_coro(ctx, probe.open());
    pid = probe.process()->pid();
    CHECK(::kill(pid, 0) == 0);
  }  // destructor: kill and reap
  CHECK(::kill(pid, 0) == -1);
}

TEST_CASE("QemuProbe reports a QEMU that died with its state and stderr",
          "[qemu][integration][probe]") {
  TR_REQUIRE_QEMU_OR_SKIP();
  asio::io_context ctx;
  QemuProbe probe(ctx.get_executor(), config("probe_died"));
  run_coro(ctx, probe.open());
  ::kill(probe.process()->pid(), SIGKILL);  // from outside, like a crash
  try {
    run_coro(ctx, probe.read_memory(0x20000000, 4));
    FAIL("read from a dead QEMU");
  } catch (const ProbeError& e) {
    CHECK(e.code() == ProbeErrc::connection);
    CHECK_THAT(e.what(), Catch::Contains("killed by signal 9"));
  }
}
