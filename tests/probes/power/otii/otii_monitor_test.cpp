// OtiiMonitor against the simulator: opening, signing in, picking the device, supply control
// and every error path that needs no capture (captures: otii_capture_test.cpp).
#include "power/otii/otii_monitor.h"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <catch2/catch.hpp>
#include <sstream>

#include "power/otii/otii_simulator.h"
#include "probes/debug/run_coro.h"

using tr::power::PowerErrc;
using tr::power::PowerError;
using tr::probe::test::run_coro;
using namespace tr::power::otii;
namespace asio = boost::asio;
using namespace std::chrono_literals;

namespace {

OtiiOptions options_for(const OtiiSimulator& sim) {
  OtiiOptions o;
  o.port = sim.port();
  o.connect_timeout = 2s;
  o.request_timeout = 2s;
  o.device_search_s = 0;
  return o;
}

// Opens a monitor and returns the PowerError it threw (the test fails if none).
PowerError open_error(asio::io_context& ctx, OtiiOptions o) {
  OtiiMonitor monitor(ctx.get_executor(), std::move(o));
  try {
    run_coro(ctx, monitor.open());
  } catch (const PowerError& e) {
    run_coro(ctx, monitor.close());
    return e;
  }
  run_coro(ctx, monitor.close());
  FAIL("open() did not throw");
  return PowerError(PowerErrc::config, "unreachable");
}

// A TCP server on the test's io_context that accepts once and sends `greeting` (or nothing).
std::uint16_t fake_server(asio::io_context& ctx, std::string greeting) {
  auto acceptor = std::make_shared<asio::ip::tcp::acceptor>(
      ctx, asio::ip::tcp::endpoint(asio::ip::address_v4::loopback(), 0));
  const std::uint16_t port = acceptor->local_endpoint().port();
  asio::co_spawn(
      ctx,
      [acceptor, greeting]() -> asio::awaitable<void> {
        auto [ec, socket] = co_await acceptor->async_accept(asio::as_tuple(asio::use_awaitable));
        if (ec) co_return;
        if (!greeting.empty()) {
          co_await asio::async_write(socket, asio::buffer(greeting),
                                     asio::as_tuple(asio::use_awaitable));
        }
        asio::steady_timer hold(socket.get_executor(), 3s);  // stays silent, then closes
        co_await hold.async_wait(asio::as_tuple(asio::use_awaitable));
      },
      asio::detached);
  return port;
}

}  // namespace

TEST_CASE("OtiiMonitor opens the simulator, enables its channels and switches the supply") {
  OtiiSimulator sim({});
  sim.start();
  asio::io_context ctx;
  OtiiMonitor monitor(ctx.get_executor(), options_for(sim));
  run_coro(ctx, monitor.open());
  CHECK(monitor.device_id() == "SIM-0001");
  CHECK(monitor.project_id() == 1);  // created: the server had no active project
  CHECK_THAT(monitor.description(), Catch::Contains("SIM-0001"));
  const auto caps = monitor.capabilities();
  CHECK(caps.markers);
  CHECK(caps.supply_control);
  CHECK(caps.per_inference_energy);
  run_coro(ctx, monitor.set_supply(true, 3.3));
  run_coro(ctx, monitor.close());
  run_coro(ctx, monitor.close());  // twice is fine
}

TEST_CASE("a refused command names the command, the errorcode and its data") {
  OtiiSimulator sim({});
  sim.start();
  asio::io_context ctx;
  OtiiMonitor monitor(ctx.get_executor(), options_for(sim));
  run_coro(ctx, monitor.open());
  try {
    run_coro(ctx, monitor.set_supply(true, 9.0));  // the Arc's main output stops at 5 V
    FAIL("no throw");
  } catch (const OtiiCommandError& e) {
    CHECK(e.code() == PowerErrc::refused);
    CHECK(e.cmd() == "arc_set_main_voltage");
    CHECK(e.errorcode() == "Invalid key value");
    CHECK_THAT(e.what(), Catch::Contains("arc_set_main_voltage"));
    CHECK_THAT(e.what(), Catch::Contains("key=value"));
    CHECK_THAT(e.what(), Catch::Contains("127.0.0.1:" + std::to_string(sim.port())));
  }
  run_coro(ctx, monitor.close());
}

TEST_CASE("a server that is not logged in needs credentials, then a free Automation licence") {
  OtiiSimulatorOptions so;
  so.logged_in = false;
  asio::io_context ctx;

  SECTION("no credentials") {
    OtiiSimulator sim(so);
    sim.start();
    const PowerError e = open_error(ctx, options_for(sim));
    CHECK(e.code() == PowerErrc::refused);
    CHECK_THAT(e.what(), Catch::Contains("not logged in"));
    CHECK_THAT(e.what(), Catch::Contains("username and password"));
  }
  SECTION("wrong password") {
    OtiiSimulator sim(so);
    sim.start();
    OtiiOptions o = options_for(sim);
    o.username = "tinyrack";
    o.password = "wrong";
    const PowerError e = open_error(ctx, o);
    CHECK(e.code() == PowerErrc::refused);
    CHECK_THAT(e.what(), Catch::Contains("Could not login"));
  }
  SECTION("licence held elsewhere") {
    so.license_available = false;
    OtiiSimulator sim(so);
    sim.start();
    OtiiOptions o = options_for(sim);
    o.username = "tinyrack";
    o.password = "tinyrack";
    const PowerError e = open_error(ctx, o);
    CHECK(e.code() == PowerErrc::refused);
    CHECK_THAT(e.what(), Catch::Contains("Automation"));
    CHECK_THAT(e.what(), Catch::Contains("reserved by"));
  }
  SECTION("good credentials: logs in, reserves, and gives the licence back on close") {
    OtiiSimulator sim(so);
    sim.start();
    OtiiOptions o = options_for(sim);
    o.username = "tinyrack";
    o.password = "tinyrack";
    OtiiMonitor monitor(ctx.get_executor(), o);
    run_coro(ctx, monitor.open());
    REQUIRE_FALSE(monitor.session_notes().empty());
    CHECK(monitor.session_notes().back().first == "license");
    run_coro(ctx, monitor.close());
    // Returned and logged out: a second session must log in again and finds the licence free.
    OtiiMonitor again(ctx.get_executor(), o);
    run_coro(ctx, again.open());
    run_coro(ctx, again.close());
  }
}

TEST_CASE("a device id the server does not list is a config error listing what it has") {
  OtiiSimulator sim({});
  sim.start();
  asio::io_context ctx;
  OtiiOptions o = options_for(sim);
  o.device_id = "ARC-0042";
  const PowerError e = open_error(ctx, o);
  CHECK(e.code() == PowerErrc::config);
  CHECK_THAT(e.what(), Catch::Contains("ARC-0042"));
  CHECK_THAT(e.what(), Catch::Contains("SIM-0001"));
}

TEST_CASE("open() stops a recording that a crashed session left running") {
  OtiiSimulatorOptions so;
  so.stale_recording = true;
  OtiiSimulator sim(so);
  sim.start();
  asio::io_context ctx;
  OtiiMonitor monitor(ctx.get_executor(), options_for(sim));
  run_coro(ctx, monitor.open());
  bool noted = false;
  for (const auto& [key, value] : monitor.session_notes()) {
    if (key == "stale_recording") noted = value.find("recording 1") != std::string::npos;
  }
  CHECK(noted);
  CHECK(monitor.project_id() == 1);  // the existing project is reused
  run_coro(ctx, monitor.close());
}

TEST_CASE("unreachable, silent and foreign servers fail with clear errors") {
  asio::io_context ctx;
  SECTION("nothing listening") {
    std::uint16_t port = 0;
    {
      asio::ip::tcp::acceptor probe(ctx, {asio::ip::address_v4::loopback(), 0});
      port = probe.local_endpoint().port();
    }  // closed again: connecting is refused
    OtiiOptions o;
    o.port = port;
    const PowerError e = open_error(ctx, o);
    CHECK(e.code() == PowerErrc::disconnected);
    CHECK_THAT(e.what(), Catch::Contains("127.0.0.1:" + std::to_string(port)));
    CHECK_THAT(e.what(), Catch::Contains("otii_server"));
  }
  SECTION("accepts but never greets") {
    OtiiOptions o;
    o.port = fake_server(ctx, "");
    o.connect_timeout = 300ms;
    const PowerError e = open_error(ctx, o);
    CHECK(e.code() == PowerErrc::timeout);
    CHECK_THAT(e.what(), Catch::Contains("greeting"));
  }
  SECTION("greets with something else") {
    OtiiOptions o;
    o.port = fake_server(ctx, "SSH-2.0-OpenSSH_9.2\r\n");
    const PowerError e = open_error(ctx, o);
    CHECK(e.code() == PowerErrc::protocol);
    CHECK_THAT(e.what(), Catch::Contains("SSH-2.0"));
  }
}

TEST_CASE("start and stop out of order are config errors") {
  OtiiSimulator sim({});
  sim.start();
  asio::io_context ctx;
  OtiiMonitor monitor(ctx.get_executor(), options_for(sim));
  try {
    run_coro(ctx, monitor.start());
    FAIL("start() before open() did not throw");
  } catch (const PowerError& e) {
    CHECK(e.code() == PowerErrc::config);
  }
  run_coro(ctx, monitor.open());
  try {
    run_coro(ctx, monitor.stop());
    FAIL("stop() without start() did not throw");
  } catch (const PowerError& e) {
    CHECK(e.code() == PowerErrc::config);
    CHECK_THAT(e.what(), Catch::Contains("start()"));
  }
  run_coro(ctx, monitor.close());
}

TEST_CASE("run_otii_simulator prints its endpoint first and stops after its duration") {
  OtiiSimulatorOptions o;
  o.duration_s = 0.2;
  std::ostringstream out;
  CHECK(run_otii_simulator(o, out) == 0);
  CHECK_THAT(out.str(), Catch::StartsWith("127.0.0.1:"));
  CHECK(std::stoi(out.str().substr(10)) > 0);
}
