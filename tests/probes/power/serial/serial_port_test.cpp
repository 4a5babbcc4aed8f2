#include "power/serial/serial_port.h"

#include <unistd.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <catch2/catch.hpp>
#include <fstream>
#include <string>

#include "power/serial/pty_pair.h"
#include "probes/debug/run_coro.h"
#include "support/test_paths.h"

namespace {
namespace asio = boost::asio;
using namespace std::chrono_literals;
using tr::power::PowerErrc;
using tr::power::PowerError;
using tr::power::serial::PtyPair;
using tr::power::serial::SerialPort;
using tr::probe::test::run_coro;

std::span<const std::uint8_t> bytes(const std::string& s) {
  return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

// Plays a device that writes `chunk` every `every` until `count` chunks (0 = forever).
asio::awaitable<void> feed(PtyPair& pty, std::string chunk, std::chrono::milliseconds every,
                           int count) {
  asio::steady_timer t(co_await asio::this_coro::executor);
  for (int i = 0; count == 0 || i < count; ++i) {
    pty.write_master(bytes(chunk));
    t.expires_after(every);
    co_await t.async_wait(asio::use_awaitable);
  }
}

template <class F>
PowerError expect_power_error(F&& f) {
  try {
    f();
  } catch (const PowerError& e) {
    return e;
  }
  FAIL("no PowerError thrown");
  return PowerError(PowerErrc::config, "");
}

}  // namespace

TEST_CASE("SerialPort: open errors name the path and the reason", "[power][serial]") {
  asio::io_context ctx;
  SECTION("missing path") {
    SerialPort port(ctx.get_executor(), "/dev/tinyrack-no-such-tty");
    auto e = expect_power_error([&] { port.open(); });
    CHECK(e.code() == PowerErrc::config);
    CHECK_THAT(e.what(),
               Catch::Contains("/dev/tinyrack-no-such-tty") && Catch::Contains("No such file"));
  }
  SECTION("not a tty") {
    const auto file = tr::test::scratch_dir("serial_port") / "plain.txt";
    std::ofstream(file) << "x";
    SerialPort port(ctx.get_executor(), file.string());
    auto e = expect_power_error([&] { port.open(); });
    CHECK(e.code() == PowerErrc::config);
    CHECK_THAT(e.what(), Catch::Contains("not a tty") && Catch::Contains(file.string()));
  }
  SECTION("already open elsewhere") {
    PtyPair pty;
    SerialPort first(ctx.get_executor(), pty.slave_path());
    first.open();
    SerialPort second(ctx.get_executor(), pty.slave_path());
    auto e = expect_power_error([&] { second.open(); });
    CHECK(e.code() == PowerErrc::config);
    CHECK_THAT(e.what(), Catch::Contains("another program"));
    first.close();
    CHECK_NOTHROW(second.open());
  }
}

TEST_CASE("SerialPort: writes reach the device, split replies are reassembled", "[power][serial]") {
  PtyPair pty;
  asio::io_context ctx;
  SerialPort port(ctx.get_executor(), pty.slave_path());
  port.open();
  REQUIRE(port.is_open());
  std::size_t notified = 0;
  port.set_on_data([&] { ++notified; });

  run_coro(ctx, port.write(std::string("\x19", 1), 500ms));
  std::uint8_t buf[16];
  std::size_t got = 0;
  for (int i = 0; i < 100 && got == 0; ++i) {
    got = pty.read_master(buf);
    if (got == 0) ::usleep(2000);
  }
  REQUIRE(got == 1);
  CHECK(buf[0] == 0x19);

  asio::co_spawn(ctx, feed(pty, "R0: 1003.3", 20ms, 1), asio::detached);
  asio::co_spawn(
      ctx,
      [&]() -> asio::awaitable<void> {
        asio::steady_timer t(co_await asio::this_coro::executor, 60ms);
        co_await t.async_wait(asio::use_awaitable);
        pty.write_master(bytes("506\nEN"));
        t.expires_after(30ms);
        co_await t.async_wait(asio::use_awaitable);
        pty.write_master(bytes("D\nrest"));
      },
      asio::detached);
  const std::string reply = run_coro(ctx, port.read_until("END\n", 2s, "waiting for END"));
  CHECK(reply == "R0: 1003.3506\nEND\n");
  run_coro(ctx, port.wait_for_data(4, 1s, "waiting for the rest"));
  CHECK(port.text() == "rest");
  CHECK(port.total_received() == reply.size() + 4);
  CHECK(notified >= 2);
  port.consume(100);
  CHECK(port.data().empty());
}

TEST_CASE("SerialPort: a wait past its deadline names the port and keeps the bytes",
          "[power][serial]") {
  PtyPair pty;
  asio::io_context ctx;
  SerialPort port(ctx.get_executor(), pty.slave_path());
  port.open();
  pty.write_master(bytes("ab"));
  try {
    run_coro(ctx, port.read_until("END\n", 150ms, "waiting for the metadata"));
    FAIL("no timeout");
  } catch (const PowerError& e) {
    CHECK(e.code() == PowerErrc::timeout);
    CHECK_THAT(e.what(),
               Catch::Contains(pty.slave_path()) && Catch::Contains("waiting for the metadata"));
  }
  CHECK(port.text() == "ab");
}

TEST_CASE("SerialPort: drain discards a stale stream, then the line works", "[power][serial]") {
  PtyPair pty;
  const std::string stale(5000, 'S');
  pty.write_master(bytes(stale));  // a crashed session's leftovers, queued before open
  asio::io_context ctx;
  SerialPort port(ctx.get_executor(), pty.slave_path());
  port.open();
  // ... and the device still streaming for a while after open.
  asio::co_spawn(ctx, feed(pty, std::string(100, 'T'), 10ms, 8), asio::detached);
  const std::size_t discarded = run_coro(ctx, port.drain(50ms, 3s));
  CHECK(discarded == stale.size() + 800);
  CHECK(port.data().empty());
  pty.write_master(bytes("fresh"));
  run_coro(ctx, port.wait_for_data(5, 1s, "waiting for fresh bytes"));
  CHECK(port.text() == "fresh");
}

TEST_CASE("SerialPort: drain gives up on a line that never goes quiet", "[power][serial]") {
  PtyPair pty;
  asio::io_context ctx;
  SerialPort port(ctx.get_executor(), pty.slave_path());
  port.open();
  asio::co_spawn(ctx, feed(pty, "xxxx", 5ms, 0), asio::detached);
  try {
    run_coro(ctx, port.drain(100ms, 400ms));
    FAIL("no timeout");
  } catch (const PowerError& e) {
    CHECK(e.code() == PowerErrc::timeout);
    CHECK_THAT(e.what(), Catch::Contains("still streaming") && Catch::Contains(pty.slave_path()));
  }
}

TEST_CASE("SerialPort: unplug mid-wait is a disconnect naming the path, data is kept",
          "[power][serial]") {
  PtyPair pty;
  asio::io_context ctx;
  SerialPort port(ctx.get_executor(), pty.slave_path());
  port.open();
  bool told = false;
  port.set_on_data([&] { told = told || port.failure().has_value(); });
  pty.write_master(bytes("partial"));
  asio::co_spawn(
      ctx,
      [&]() -> asio::awaitable<void> {
        asio::steady_timer t(co_await asio::this_coro::executor, 80ms);
        co_await t.async_wait(asio::use_awaitable);
        pty.close();
      },
      asio::detached);
  try {
    run_coro(ctx, port.wait_for_data(1000, 5s, "waiting for samples"));
    FAIL("no disconnect");
  } catch (const PowerError& e) {
    CHECK(e.code() == PowerErrc::disconnected);
    CHECK_THAT(e.what(), Catch::Contains(pty.slave_path()) && Catch::Contains("disconnected"));
  }
  CHECK(told);
  CHECK(port.text() == "partial");
  CHECK_FALSE(port.is_open());
  REQUIRE(port.failure().has_value());
  try {
    run_coro(ctx, port.write("\x06", 500ms));
    FAIL("write after unplug succeeded");
  } catch (const PowerError& e) {
    CHECK(e.code() == PowerErrc::disconnected);
  }
}

TEST_CASE("SerialPort: close, then reopen starts a fresh session", "[power][serial]") {
  PtyPair pty;
  asio::io_context ctx;
  SerialPort port(ctx.get_executor(), pty.slave_path());
  port.open();
  pty.write_master(bytes("one"));
  run_coro(ctx, port.wait_for_data(3, 1s, "waiting"));
  port.close();
  port.close();
  CHECK(port.text() == "one");  // kept after close
  auto e = expect_power_error([&] { run_coro(ctx, port.wait_for_data(4, 100ms, "waiting")); });
  CHECK(e.code() == PowerErrc::disconnected);
  port.open();
  CHECK(port.data().empty());
  pty.write_master(bytes("two"));
  run_coro(ctx, port.wait_for_data(3, 1s, "waiting"));
  CHECK(port.text() == "two");
}

TEST_CASE("SerialPort: a non-standard baud goes through termios2 or fails clearly",
          "[power][serial]") {
  PtyPair pty;
  asio::io_context ctx;
  tr::power::serial::SerialOptions opts;
  opts.baud = 3686400;  // LPM01A's configured rate (power-monitors.md §2.1)
  SerialPort port(ctx.get_executor(), pty.slave_path(), opts);
  try {
    port.open();
    CHECK(port.is_open());
  } catch (const PowerError& e) {
    CHECK(e.code() == PowerErrc::config);
    CHECK_THAT(e.what(), Catch::Contains("3686400"));
  }
}

TEST_CASE("SerialPort: wait_quiet keeps the last bytes for on_data", "[power][serial]") {
  PtyPair pty;
  asio::io_context ctx;
  SerialPort port(ctx.get_executor(), pty.slave_path());
  port.open();
  std::size_t seen = 0;
  port.set_on_data([&] {
    seen += port.data().size();
    port.consume(port.data().size());
  });
  asio::co_spawn(ctx, feed(pty, std::string(64, 'q'), 10ms, 6), asio::detached);
  run_coro(ctx, port.wait_quiet(60ms, 3s));
  CHECK(seen == 6 * 64);
}
