#include "debug/with_timeout.h"

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <catch2/catch.hpp>

#include "run_coro.h"

using namespace tr::probe;
using namespace std::chrono_literals;
namespace asio = boost::asio;
using tr::probe::test::run_coro;

namespace {

// Completes after `d` with `value`, or is cancelled.
asio::awaitable<int> slow_value(std::chrono::milliseconds d, int value) {
  asio::steady_timer t(co_await asio::this_coro::executor, d);
  co_await t.async_wait(asio::use_awaitable);
  co_return value;
}

asio::awaitable<void> slow_void(std::chrono::milliseconds d, bool* finished) {
  asio::steady_timer t(co_await asio::this_coro::executor, d);
  co_await t.async_wait(asio::use_awaitable);
  *finished = true;
}

asio::awaitable<int> failing() {
  throw ProbeError(ProbeErrc::target, "boom");
  co_return 0;
}

}  // namespace

TEST_CASE("with_timeout returns the value of an operation that finishes first", "[timeout]") {
  asio::io_context ctx;
  CHECK(run_coro(ctx, with_timeout(slow_value(1ms, 42), 10s, "quick op")) == 42);
}

TEST_CASE("with_timeout throws TimeoutError naming the operation", "[timeout]") {
  asio::io_context ctx;
  try {
    run_coro(ctx, with_timeout(slow_value(10s, 1), 20ms, "waiting for the moon"));
    FAIL("no timeout");
  } catch (const TimeoutError& e) {
    CHECK(std::string(e.what()) == "waiting for the moon timed out after 20 ms");
    CHECK(e.code() == ProbeErrc::timeout);
    CHECK(e.after() == 20ms);
  }
}

TEST_CASE("with_timeout works for void operations", "[timeout]") {
  asio::io_context ctx;
  bool finished = false;
  run_coro(ctx, with_timeout(slow_void(1ms, &finished), 10s, "void op"));
  CHECK(finished);
  finished = false;
  CHECK_THROWS_AS(run_coro(ctx, with_timeout(slow_void(10s, &finished), 10ms, "slow void")),
                  TimeoutError);
  CHECK_FALSE(finished);  // cancelled, not completed
}

TEST_CASE("with_timeout passes the operation's own exception through", "[timeout]") {
  asio::io_context ctx;
  try {
    run_coro(ctx, with_timeout(failing(), 10s, "failing op"));
    FAIL("no exception");
  } catch (const TimeoutError&) {
    FAIL("reported as a timeout");
  } catch (const ProbeError& e) {
    CHECK(e.code() == ProbeErrc::target);
    CHECK(std::string(e.what()) == "boom");
  }
}

TEST_CASE("ProbeErrc converts to std::error_code", "[timeout]") {
  const std::error_code ec = ProbeErrc::connection;
  CHECK(ec.category().name() == std::string("tinyrack.probe"));
  CHECK(ec.message() == "connection to the probe server failed");
}
