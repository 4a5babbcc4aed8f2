// Lpm01aMonitor: captures, supply control and teardown (open and the command exchange are in
// lpm01a_monitor.cpp).
#include <cmath>

#include "power/lpm01a/lpm01a_monitor.h"
#include "power/lpm01a/lpm01a_number.h"
#include "power/power_error.h"

namespace tr::power {
using boost::asio::awaitable;

awaitable<void> Lpm01aMonitor::start(double rate_hz) {
  require_open("start");
  if (state_ == State::capturing) {
    throw PowerError(PowerErrc::config, who() + ": start() while a capture runs; stop() it first");
  }
  const double rate = rate_hz > 0.0 ? rate_hz : options_.rate_hz;
  if (auto why = lpm01a::capture_refusal(rate, options_.output, options_.format, INFINITY)) {
    throw PowerError(PowerErrc::config,
                     who() + ": cannot capture at " + lpm01a::format_freq(rate) + " Hz: " + *why);
  }
  if (resync_needed_) co_await resync();
  if (std::abs(rate - rate_hz_) > 1e-9) {
    co_await exchange("freq " + lpm01a::format_freq(rate), options_.timing.command);
    rate_hz_ = rate;
  }
  capture_.emplace(description(), rate, options_.output, volts_);
  nul_bytes_at_start_ = parser_.nul_bytes();
  completed_ = false;
  parser_.set_binary_capture(options_.format == lpm01a::Format::bin_hexa);
  state_ = State::capturing;  // samples may follow the ack in the same chunk
  try {
    co_await exchange("start", options_.timing.command);
  } catch (...) {
    state_ = State::idle;
    capture_.reset();
    parser_.set_binary_capture(false);
    throw;
  }
}

awaitable<PowerTrace> Lpm01aMonitor::stop() {
  if (state_ != State::capturing || !capture_) {
    throw PowerError(PowerErrc::config,
                     who() + ": stop() without a running capture; call start() first");
  }
  if (!capture_->failed()) {
    completed_ = false;
    try {
      co_await port_.write("stop\r\n", options_.timing.command);
      // `stop` has no ack; the board says "Acquisition completed" once it has flushed.
      if (!co_await wait_until([this] { return completed_; },
                               Clock::now() + options_.timing.stop)) {
        resync_needed_ = true;
        capture_->fail(who() + ": no 'Acquisition completed' within " +
                       std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(
                                          options_.timing.stop)
                                          .count()) +
                       " ms of 'stop'; the board may still be streaming (the next capture "
                       "drains it first)");
      }
    } catch (const PowerError& e) {
      capture_->fail(e.what());  // unplugged while stopping: keep what came
    }
  }
  state_ = State::idle;
  parser_.set_binary_capture(false);
  PowerTrace trace = capture_->finish(parser_.nul_bytes() - nul_bytes_at_start_);
  capture_.reset();
  if (!board_id_.empty()) trace.notes.emplace_back("board", board_id_);
  if (!firmware_.empty()) trace.notes.emplace_back("firmware", firmware_);
  co_return trace;
}

awaitable<void> Lpm01aMonitor::set_supply(bool on, std::optional<double> volts) {
  require_open("set_supply");
  if (volts) {
    if (state_ == State::capturing) {
      throw PowerError(PowerErrc::config, who() +
                                              ": the supply voltage cannot change during a "
                                              "capture (energy samples are scaled by it); "
                                              "stop() first");
    }
    if (!(*volts >= lpm01a::kMinVolts - 1e-9 && *volts <= lpm01a::kMaxVolts + 1e-9)) {
      throw PowerError(PowerErrc::config, who() + ": supply " + std::to_string(*volts) +
                                              " V is outside the board's 1.8..3.3 V");
    }
    co_await exchange("volt " + lpm01a::format_millivolts(*volts), options_.timing.volt);
    volts_ = co_await read_volts();
  }
  co_await exchange(on ? "pwr on" : "pwr off", options_.timing.command);
}

awaitable<void> Lpm01aMonitor::close() {
  if (state_ == State::closed) co_return;
  struct Release {  // whatever happens below, the port is let go
    Lpm01aMonitor& m;
    ~Release() {
      m.port_.close();
      m.state_ = State::closed;
      m.capture_.reset();
      m.wake();
    }
  } release{*this};
  if (port_.failure()) co_return;  // unplugged: nothing left to release
  try {
    if (state_ == State::capturing) {
      completed_ = false;
      co_await port_.write("stop\r\n", options_.timing.command);
      co_await wait_until([this] { return completed_; }, Clock::now() + options_.timing.stop);
      state_ = State::idle;
    }
    if (options_.supply_off_at_close) co_await exchange("pwr off", options_.timing.command);
    co_await exchange("hrc", options_.timing.command);
  } catch (const PowerError& e) {
    if (e.code() != PowerErrc::disconnected) throw;  // gone meanwhile: released anyway
  }
}

}  // namespace tr::power
