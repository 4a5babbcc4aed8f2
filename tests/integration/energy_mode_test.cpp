// The runner's energy mode on every emulated board, observed through a write watchpoint on the
// timestamp pin's data-out register: each pulse is a falling then a rising edge; `timestamp`
// gives one pulse, `infer` two; performance mode gives none and keeps its lap lines.
//
// QEMU stops before the watched store (RspClient::run_until_stop steps over it when going on)
// and freezes the CPU meanwhile, so the console reply just pauses. QEMU models no GPIO here
// (writes ignored, reads 0): the level comes from the runner's mirror tr_timestamp_pin_out,
// written just before the register. The clock is rebuilt as the runner does: tr_systick_wraps
// * 2^24 + elapsed SysTick count (+ one wrap if SysTick's exception is pending).
//
// The hold is measured undisturbed: under -icount every debugger stop moves the virtual clock
// to the next timer deadline (a SysTick wrap), so the runner's own busy-wait ends early
// whenever the CPU was stopped inside a pulse, and edge ticks read at stops cannot show it.
// Instead the target is halted only while the runner idles (its clock paused in WFI), and the
// ticks one energy-mode `timestamp` costs, with no watchpoint set, must cover the hold.
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <catch2/catch.hpp>
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "builder/fc_stack_model.h"
#include "common/crc32.h"
#include "debug/elf_image.h"
#include "debug/qemu_probe.h"
#include "debug/with_timeout.h"
#include "runner/runner_client.h"
#include "runner/runner_commands.h"
#include "support/rack_fixture.h"
#include "support/test_paths.h"

using namespace tr;
using namespace std::chrono_literals;
using namespace boost::asio::experimental::awaitable_operators;
using Lines = std::vector<std::string>;
namespace asio = boost::asio;

namespace {

constexpr std::chrono::milliseconds kWait{20000};
constexpr std::uint32_t kSysTickVal = 0xE000E018;
constexpr std::uint32_t kScbIcsr = 0xE000ED04;
constexpr std::uint32_t kPendStSet = 1u << 26;

struct Edge {
  bool high;
  std::uint64_t ticks;
};

std::uint32_t word(const std::vector<std::uint8_t>& b) {
  return b.at(0) | b.at(1) << 8 | b.at(2) << 16 | static_cast<std::uint32_t>(b.at(3)) << 24;
}

std::string hex32(std::uint32_t v) {
  char buf[9];
  std::snprintf(buf, sizeof buf, "%08x", v);
  return buf;
}

asio::awaitable<void> connect_console(asio::ip::tcp::socket& socket, std::uint16_t port) {
  const asio::ip::tcp::endpoint ep(asio::ip::make_address("127.0.0.1"), port);
  for (;;) {
    boost::system::error_code ec;
    co_await socket.async_connect(ep, asio::redirect_error(asio::use_awaitable, ec));
    if (!ec) co_return;
    socket.close();
    asio::steady_timer pause(socket.get_executor(), 20ms);
    co_await pause.async_wait(asio::use_awaitable);
  }
}

// One board: QEMU halted, console connected, runner flashed and booted, the probe kept so the
// test can set watchpoints (EmulatedBoard keeps its probe to itself).
class WatchedBoard {
 public:
  WatchedBoard(const config::BoardSpec& board, const std::filesystem::path& dir)
      : board_(board), dir_(dir) {}
  ~WatchedBoard() {
    if (probe_ && probe_->process() != nullptr) probe_->process()->kill();
  }

  asio::awaitable<void> start(const probe::ElfImage& image) {
    const config::TargetSpec& t = board_.target;
    probe::QemuProbeConfig cfg;
    cfg.launch.machine = t.emulation->machine;
    cfg.launch.icount_shift = t.emulation->icount_shift;
    cfg.launch.stderr_path = dir_ / "qemu-stderr.txt";
    cfg.rsp.timeouts.packet = 10s;
    cfg.rsp.timeouts.monitor = 30s;
    probe_ = std::make_unique<probe::QemuProbe>(co_await asio::this_coro::executor, cfg);
    co_await probe_->open();
    asio::ip::tcp::socket console(co_await asio::this_coro::executor);
    co_await probe::with_timeout(connect_console(console, probe_->process()->console_port()), kWait,
                                 "connecting to QEMU's console");
    runner_.emplace(std::move(console), dir_ / "console.txt");
    co_await probe_->flash(image);
    co_await probe_->resume();
    const auto banner = co_await runner_->read_banner(kWait);
    REQUIRE(banner.lines.size() == 3);
    co_await probe_->halt();
  }

  asio::awaitable<void> shutdown() {
    runner_->close();
    co_await probe_->close();
  }

  probe::RspClient& rsp() { return probe_->rsp(); }
  harness::RunnerClient& runner() { return *runner_; }

 private:
  const config::BoardSpec& board_;
  std::filesystem::path dir_;
  std::unique_ptr<probe::QemuProbe> probe_;
  std::optional<harness::RunnerClient> runner_;
};

struct Symbols {
  std::uint32_t pin_out;
  std::uint32_t wraps;
};

asio::awaitable<std::uint64_t> read_ticks(probe::RspClient& rsp, const Symbols& sym) {
  const std::uint32_t icsr = word(co_await rsp.read_memory(kScbIcsr, 4));
  std::uint64_t wraps = word(co_await rsp.read_memory(sym.wraps, 4));
  const std::uint32_t val = word(co_await rsp.read_memory(kSysTickVal, 4)) & 0xFFFFFFu;
  if ((icsr & kPendStSet) != 0) ++wraps;  // wrapped, its exception not yet taken
  co_return wraps * 0x1000000u + (0xFFFFFFu - val);
}

// Runs the target, recording an edge at each watchpoint stop, until the command is done and
// the target has been quiet for a moment; leaves it halted.
asio::awaitable<void> watch_edges(probe::RspClient& rsp, Symbols sym, std::uint32_t mask,
                                  const bool& done, std::vector<Edge>& edges) {
  for (;;) {
    const auto stop = co_await rsp.run_until_stop(300ms);
    if (stop.watchpoint()) {
      const std::uint32_t level = word(co_await rsp.read_memory(sym.pin_out, 4));
      edges.push_back({(level & mask) != 0, co_await read_ticks(rsp, sym)});
      continue;
    }
    if (!stop.halted()) throw std::runtime_error("the runner ended: " + stop.raw);
    if (done) co_return;
  }
}

// Sends `cmd` while watching: the reply lines and the edges seen.
asio::awaitable<Lines> watched(WatchedBoard& b, Symbols sym, std::uint32_t mask, std::string cmd,
                               std::vector<Edge>& edges) {
  bool done = false;
  auto send = [&]() -> asio::awaitable<Lines> {
    auto reply = co_await b.runner().command(cmd, kWait, /*allow_error=*/true);
    done = true;
    co_return reply.lines;
  };
  edges.clear();
  co_return co_await (send() && watch_edges(b.rsp(), sym, mask, done, edges));
}

// GCC 12 cannot keep an initializer_list's array in a coroutine frame ("array used as
// initializer"): lists are built out here.
Lines one_line(const char* line) {
  return Lines{line};
}
Lines without_laps(const Lines& perf) {
  return Lines{perf[0], perf[1], perf[2], perf[5], perf[6]};
}
std::vector<std::uint8_t> small_model() {
  return workloads::make_fc_stack_model(7, {96, 64, 16, 64, 96});
}

// Each pulse: a falling then a rising edge, in clock order.
void check_pulses(const std::vector<Edge>& edges, std::size_t pulses) {
  REQUIRE(edges.size() == 2 * pulses);
  for (std::size_t i = 0; i < pulses; ++i) {
    INFO("pulse " << i);
    CHECK_FALSE(edges[2 * i].high);
    CHECK(edges[2 * i + 1].high);
    CHECK(edges[2 * i + 1].ticks > edges[2 * i].ticks);
  }
}

// The runner's ticks spent on `cmd`, measured from halts while it idles (clock paused), with
// no stop in between.
asio::awaitable<std::uint64_t> ticks_spent(WatchedBoard& b, Symbols sym, std::string cmd) {
  auto& rsp = b.rsp();
  const std::uint64_t before = co_await read_ticks(rsp, sym);
  co_await rsp.resume();
  const auto reply = co_await b.runner().command(cmd, kWait, /*allow_error=*/true);
  co_await rsp.interrupt(kWait);
  REQUIRE(reply.lines.empty());
  co_return co_await read_ticks(rsp, sym) - before;
}

asio::awaitable<void> energy_session(const config::BoardSpec& spec,
                                     const std::filesystem::path& dir) {
  const config::TargetSpec& t = spec.target;
  REQUIRE(t.timestamp_pin.has_value());
  const config::TimestampPin& pin = *t.timestamp_pin;
  const auto image = probe::ElfImage::load(test::firmware_dir() / t.name / "runner.elf");
  const auto pin_out = image.symbol("tr_timestamp_pin_out");
  const auto wraps = image.symbol("tr_systick_wraps");
  REQUIRE(pin_out.has_value());
  REQUIRE(wraps.has_value());
  const Symbols sym{*pin_out, *wraps};
  // hold_us of the runner's clock, in its ticks.
  const std::uint64_t hold = (std::uint64_t{pin.hold_us} * t.timestamp_hz + 999999) / 1000000;

  WatchedBoard b(spec, dir);
  co_await b.start(image);
  auto& rsp = b.rsp();

  // A model and its input, written while the target is halted.
  const auto model = small_model();
  const std::vector<std::uint8_t> input(96, 3);
  std::vector<Edge> edges;
  co_await rsp.resume();
  const auto slots = co_await harness::query_slots(b.runner(), kWait);
  co_await rsp.interrupt(kWait);
  co_await rsp.write_memory(slots.model_address, model);
  co_await rsp.write_memory(slots.input_address, input);
  const auto crc_m = hex32(tr::crc32(model.data(), model.size()));
  const auto crc_i = hex32(tr::crc32(input.data(), input.size()));
  Lines m = co_await watched(
      b, sym, pin.mask, "tr-model " + std::to_string(model.size()) + " " + crc_m + " fc", edges);
  REQUIRE(m.at(0) == "m-tr-model-[ok]");
  Lines in = co_await watched(b, sym, pin.mask, "tr-input 96 " + crc_i, edges);
  REQUIRE(in.at(0) == "m-tr-input-[ok]");

  // Performance mode first: lap lines, and the pin is never written.
  co_await rsp.insert_watchpoint(probe::WatchpointKind::write, pin.data_out_register, 4);
  Lines perf = co_await watched(b, sym, pin.mask, "infer 2 1", edges);
  CHECK(edges.empty());
  REQUIRE(perf.size() == 7);
  const auto a = harness::parse_lap_us(perf[3]);
  const auto z = harness::parse_lap_us(perf[4]);
  REQUIRE(a.has_value());
  REQUIRE(z.has_value());
  CHECK(*z > *a);

  // Energy mode: the switch parks the pin high, one write.
  CHECK(co_await watched(b, sym, pin.mask, "tr-timestamp-mode energy", edges) ==
        one_line("m-timestamp-mode-energy"));
  REQUIRE(edges.size() == 1);
  CHECK(edges[0].high);

  CHECK((co_await watched(b, sym, pin.mask, "timestamp", edges)).empty());
  check_pulses(edges, 1);

  Lines energy = co_await watched(b, sym, pin.mask, "infer 2 1", edges);
  check_pulses(edges, 2);
  // The reference transcript minus the lap lines; the same results as in performance mode.
  CHECK(energy == without_laps(perf));
  // The window between the falling edges holds the two timed inferences.
  CHECK(edges[2].ticks > edges[1].ticks);

  // Back to performance: no pulses, lap lines again.
  CHECK(co_await watched(b, sym, pin.mask, "tr-timestamp-mode performance", edges) ==
        one_line("m-timestamp-mode-performance"));
  Lines stamp = co_await watched(b, sym, pin.mask, "timestamp", edges);
  CHECK(edges.empty());
  REQUIRE(stamp.size() == 1);
  CHECK(harness::parse_lap_us(stamp[0]).has_value());
  Lines perf2 = co_await watched(b, sym, pin.mask, "infer 2 1", edges);
  CHECK(edges.empty());
  REQUIRE(perf2.size() == 7);
  CHECK(harness::parse_lap_us(perf2[3]).has_value());
  CHECK(harness::parse_lap_us(perf2[4]).has_value());
  CHECK(perf2[6] == perf[6]);

  // Undisturbed: one energy-mode timestamp costs at least the hold of the runner's clock.
  co_await rsp.remove_watchpoint(probe::WatchpointKind::write, pin.data_out_register, 4);
  CHECK(co_await watched(b, sym, pin.mask, "tr-timestamp-mode energy", edges) ==
        one_line("m-timestamp-mode-energy"));
  const std::uint64_t spent = co_await ticks_spent(b, sym, "timestamp");
  INFO("energy-mode timestamp took " << spent << " ticks; the hold is " << hold);
  CHECK(spent >= hold);
  co_await b.shutdown();
}

}  // namespace

TEST_CASE("energy mode pulses the timestamp pin on every emulated board", "[integration][energy]") {
  auto rack = test::emulated_rack();
  for (const auto& board : rack.boards) {
    SECTION(board.name) {
      auto dir = test::scratch_dir(("energy-" + board.name).c_str());
      test::run_sync(energy_session(board, dir));
    }
  }
}
