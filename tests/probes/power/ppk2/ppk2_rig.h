// A PPK2 simulator on a PTY and a Ppk2Monitor on an io_context, for driver tests.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <chrono>
#include <memory>

#include "power/ppk2/ppk2_monitor.h"
#include "power/ppk2/ppk2_simulator.h"
#include "probes/debug/run_coro.h"

namespace tr::power::ppk2::test {

struct Ppk2Rig {
  explicit Ppk2Rig(Ppk2SimulatorOptions sim_options = {}, Ppk2Options monitor_options = {})
      : sim(std::make_unique<Ppk2Simulator>(std::move(sim_options))) {
    sim->start();
    monitor_options.port = sim->port();
    options = monitor_options;
    monitor = std::make_unique<Ppk2Monitor>(ctx.get_executor(), options);
  }
  ~Ppk2Rig() {
    monitor.reset();  // closes the port before the simulator goes
    sim.reset();
  }

  template <class T>
  T run(boost::asio::awaitable<T> op) {
    return tr::probe::test::run_coro(ctx, std::move(op));
  }

  // start(rate), `seconds` of real time, stop().
  PowerTrace capture(double seconds, double rate_hz = 0.0) {
    run(monitor->start(rate_hz));
    sleep(seconds);
    return run(monitor->stop());
  }

  void sleep(double seconds) {
    run([](boost::asio::io_context& c, double s) -> boost::asio::awaitable<void> {
      boost::asio::steady_timer t(c,
                                  std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                      std::chrono::duration<double>(s)));
      co_await t.async_wait(boost::asio::use_awaitable);
    }(ctx, seconds));
  }

  std::unique_ptr<Ppk2Simulator> sim;
  boost::asio::io_context ctx;
  Ppk2Options options;
  std::unique_ptr<Ppk2Monitor> monitor;
};

}  // namespace tr::power::ppk2::test
