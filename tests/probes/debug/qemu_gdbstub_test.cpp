// launch_qemu() + RspClient against a real qemu-system-arm -M mps2-an386 -S (no firmware).
#include <sys/wait.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <catch2/catch.hpp>
#include <csignal>
#include <fstream>
#include <random>
#include <set>

#include "debug/loopback_ports.h"
#include "debug/probe_error.h"
#include "debug/qemu_launcher.h"
#include "debug/rsp_client.h"
#include "qemu_test_support.h"
#include "run_coro.h"
#include "support/test_paths.h"

using namespace tr::probe;
using namespace std::chrono_literals;
namespace asio = boost::asio;
using asio::awaitable;
using tr::probe::test::an386_spec;
using tr::probe::test::run_coro;

namespace {

constexpr auto kLaunch = 20s;
constexpr auto kConnect = 5s;

asio::ip::tcp::endpoint gdb_endpoint(const QemuProcess& q) {
  return {asio::ip::address_v4::loopback(), q.gdb_port()};
}

// True if this test process has no child processes left, running or zombie.
bool no_children_left() {
  int status = 0;
  return ::waitpid(-1, &status, WNOHANG) == -1 && errno == ECHILD;
}

bool pid_gone(int pid) {
  return ::kill(pid, 0) == -1 && errno == ESRCH;
}

std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

struct Session {
  asio::io_context ctx;
  std::unique_ptr<QemuProcess> qemu;
  RspClient client{ctx.get_executor()};

  explicit Session(const char* name) {
    qemu = run_coro(ctx, launch_qemu(an386_spec(name), kLaunch));
    run_coro(ctx, client.connect(gdb_endpoint(*qemu), kConnect));
    run_coro(ctx, client.handshake());
  }
};

}  // namespace

TEST_CASE("QEMU gdbstub: handshake, stop reason, 64 KiB written with M reads back identically",
          "[qemu][integration]") {
  TR_REQUIRE_QEMU_OR_SKIP();
  Session s("gdbstub_rw");
  CHECK(s.client.packet_size() == 4096);  // PacketSize=1000, hex
  CHECK_FALSE(s.client.no_ack());         // QEMU 7.2 has no QStartNoAckMode
  const auto stop = run_coro(s.ctx, s.client.stop_reason());
  CHECK(stop.halted());
  CHECK(stop.code == 5);

  std::mt19937 rng(1234);
  std::vector<std::uint8_t> data(64 * 1024);
  for (auto& b : data) b = static_cast<std::uint8_t>(rng());
  run_coro(s.ctx, s.client.write_memory(0x20000000, data));
  CHECK(run_coro(s.ctx, s.client.read_memory(0x20000000, data.size())) == data);
  // An unaligned odd-sized window inside it.
  const auto window = run_coro(s.ctx, s.client.read_memory(0x20000003, 4099));
  CHECK(std::equal(window.begin(), window.end(), data.begin() + 3));
}

TEST_CASE("QEMU gdbstub: reading unmapped memory is a target error", "[qemu][integration]") {
  TR_REQUIRE_QEMU_OR_SKIP();
  Session s("gdbstub_unmapped");
  try {
    run_coro(s.ctx, s.client.read_memory(0x70000000, 4));
    FAIL("read of unmapped memory succeeded");
  } catch (const ProbeError& e) {
    CHECK(e.code() == ProbeErrc::target);
    CHECK_THAT(e.what(), Catch::Contains("0x70000000") && Catch::Contains("E14"));
  }
  // The link is still fine afterwards.
  CHECK(run_coro(s.ctx, s.client.stop_reason()).halted());
}

TEST_CASE("QEMU gdbstub: monitor commands", "[qemu][integration]") {
  TR_REQUIRE_QEMU_OR_SKIP();
  Session s("gdbstub_monitor");
  const std::string mtree = run_coro(s.ctx, s.client.monitor("info mtree -f"));
  CHECK_THAT(mtree, Catch::Contains("mps.ssram23") && Catch::Contains("0000000020000000"));
  CHECK(run_coro(s.ctx, s.client.monitor("system_reset")).empty());
  CHECK(run_coro(s.ctx, s.client.stop_reason()).halted());
}

TEST_CASE("QEMU gdbstub: resume, then 0x03 halts with SIGINT", "[qemu][integration]") {
  TR_REQUIRE_QEMU_OR_SKIP();
  Session s("gdbstub_interrupt");
  // A spin loop at 0x100 ("b ."), entered by setting the vector table and resetting.
  const std::vector<std::uint8_t> vectors = {0x00, 0x00, 0x01, 0x20, 0x01, 0x01, 0x00, 0x00};
  const std::vector<std::uint8_t> loop = {0xfe, 0xe7};
  run_coro(s.ctx, s.client.write_memory(0, vectors));
  run_coro(s.ctx, s.client.write_memory(0x100, loop));
  run_coro(s.ctx, s.client.monitor("system_reset"));
  const auto regs = run_coro(s.ctx, s.client.read_registers());
  // r0-r15 first; QEMU pads to the legacy FPA layout (42 words) until target.xml was read.
  REQUIRE(regs.size() >= 16);
  CHECK(regs[13] == 0x20010000);
  CHECK(regs[15] == 0x100);
  run_coro(s.ctx, s.client.resume());
  CHECK(s.client.running());
  const auto stop = run_coro(s.ctx, s.client.interrupt(5s));
  CHECK(stop.code == 2);  // SIGINT: stopped by our 0x03
  CHECK_FALSE(s.client.running());
  CHECK(run_coro(s.ctx, s.client.read_register(15)) == 0x100);
}

TEST_CASE("QEMU killed mid-transaction: a clear connection error and a reaped process",
          "[qemu][integration]") {
  TR_REQUIRE_QEMU_OR_SKIP();
  Session s("gdbstub_kill");
  const int pid = s.qemu->pid();
  int reads = 0;
  auto reader = [&]() -> awaitable<void> {
    for (;;) {
      co_await s.client.read_memory(0x20000000, 64 * 1024);  // ~32 packets each
      ++reads;
    }
  };
  auto killer = [&]() -> awaitable<void> {
    asio::steady_timer t(s.ctx, 200ms);
    co_await t.async_wait(asio::use_awaitable);
    s.qemu->kill();
  };
  asio::co_spawn(s.ctx, killer(), asio::detached);
  try {
    run_coro(s.ctx, reader());
    FAIL("the reader never failed");
  } catch (const TimeoutError& e) {
    FAIL("reported as a timeout: " << e.what());
  } catch (const ProbeError& e) {
    CHECK(e.code() == ProbeErrc::connection);
    CHECK_THAT(e.what(), Catch::Contains("lost the connection to the GDB stub"));
  }
  CHECK_FALSE(s.qemu->running());
  CHECK(s.qemu->exit_description() == "killed by signal 9");
  CHECK(pid_gone(pid));
  CHECK(no_children_left());
}

TEST_CASE("two QEMUs at once get distinct ports and work independently", "[qemu][integration]") {
  TR_REQUIRE_QEMU_OR_SKIP();
  using namespace asio::experimental::awaitable_operators;
  asio::io_context ctx;
  auto [a, b] = run_coro(
      ctx, launch_qemu(an386_spec("two_a"), kLaunch) && launch_qemu(an386_spec("two_b"), kLaunch));
  const std::set<std::uint16_t> ports = {a->gdb_port(), a->console_port(), b->gdb_port(),
                                         b->console_port()};
  CHECK(ports.size() == 4);
  CHECK(a->pid() != b->pid());
  RspClient ca(ctx.get_executor()), cb(ctx.get_executor());
  run_coro(ctx, ca.connect(gdb_endpoint(*a), kConnect));
  run_coro(ctx, cb.connect(gdb_endpoint(*b), kConnect));
  run_coro(ctx, ca.handshake());
  run_coro(ctx, cb.handshake());
  const std::vector<std::uint8_t> ones(16, 0x11), twos(16, 0x22);
  run_coro(ctx, ca.write_memory(0x20000000, ones));
  run_coro(ctx, cb.write_memory(0x20000000, twos));
  CHECK(run_coro(ctx, ca.read_memory(0x20000000, 16)) == ones);
  CHECK(run_coro(ctx, cb.read_memory(0x20000000, 16)) == twos);
  const int pa = a->pid(), pb = b->pid();
  a.reset();
  b.reset();
  CHECK(pid_gone(pa));
  CHECK(pid_gone(pb));
}

TEST_CASE("a port already in use makes launch_qemu retry with new ports", "[qemu][integration]") {
  TR_REQUIRE_QEMU_OR_SKIP();
  asio::io_context ctx;
  // Someone else listens on a port the picker hands out first.
  asio::ip::tcp::acceptor squatter(ctx, {asio::ip::address_v4::loopback(), 0});
  const std::uint16_t taken = squatter.local_endpoint().port();
  const bool gdb_side = GENERATE(true, false);
  int picks = 0;
  PortPicker picker = [&]() -> std::array<std::uint16_t, 2> {
    auto fresh = pick_free_loopback_ports();
    if (picks++ == 0) (gdb_side ? fresh[0] : fresh[1]) = taken;
    return fresh;
  };
  auto spec = an386_spec("port_taken");
  auto qemu = run_coro(ctx, launch_qemu(spec, kLaunch, picker));
  CHECK(picks >= 2);
  CHECK(qemu->gdb_port() != taken);
  CHECK(qemu->console_port() != taken);
  CHECK_THAT(read_file(spec.stderr_path), Catch::Contains("Address already in use"));
  // And the QEMU we got is really there.
  RspClient client(ctx.get_executor());
  run_coro(ctx, client.connect(gdb_endpoint(*qemu), kConnect));
  run_coro(ctx, client.handshake());
  CHECK(client.packet_size() == 4096);
}

TEST_CASE("QEMU failing at startup is a process error quoting its stderr", "[qemu][integration]") {
  TR_REQUIRE_QEMU_OR_SKIP();
  asio::io_context ctx;
  auto spec = an386_spec("bad_machine");
  spec.machine = "no-such-board";
  try {
    run_coro(ctx, launch_qemu(spec, kLaunch));
    FAIL("QEMU started with a bogus machine");
  } catch (const ProbeError& e) {
    CHECK(e.code() == ProbeErrc::process);
    CHECK_THAT(e.what(), Catch::Contains("exited with status 1") &&
                             Catch::Contains("unsupported machine type") &&
                             Catch::Contains("-M no-such-board"));
  }
  CHECK(no_children_left());
}

TEST_CASE("a server that never opens its GDB port times out and is killed", "[qemu][integration]") {
  TR_REQUIRE_QEMU_OR_SKIP();
  asio::io_context ctx;
  auto spec = an386_spec("never_ready");
  const auto script = spec.stderr_path.parent_path() / "fake-qemu.sh";
  std::ofstream(script) << "#!/bin/sh\necho 'fake qemu: thinking' >&2\nexec sleep 60\n";
  std::filesystem::permissions(script, std::filesystem::perms::owner_all);
  spec.program = script.string();
  try {
    run_coro(ctx, launch_qemu(spec, 300ms));
    FAIL("no timeout");
  } catch (const TimeoutError& e) {
    CHECK_THAT(e.what(), Catch::Contains("waiting for its GDB port") &&
                             Catch::Contains("fake qemu: thinking") &&
                             Catch::EndsWith("timed out after 300 ms"));
  }
  CHECK(no_children_left());
}

TEST_CASE("QemuProcess::version reports the QEMU version", "[qemu][integration]") {
  TR_REQUIRE_QEMU_OR_SKIP();
  asio::io_context ctx;
  const std::string v = run_coro(ctx, QemuProcess::version());
  CHECK_THAT(v, Catch::Matches(R"(\d+\.\d+(\.\d+)?)"));
  CHECK(no_children_left());
}
