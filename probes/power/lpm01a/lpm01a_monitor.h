// Lpm01aMonitor: ST X-NUCLEO-LPM01A (PowerShield) over its USB virtual COM port, set up the
// way the MLPerf Tiny energy runner does (fact sheet §2.3): host control, infinite
// acquisition, software trigger, D7 falling-edge events as markers, energy samples in
// ascii_dec at 1 kHz. It also drives the DUT supply (`pwr`, `volt`).
//
// Usage (one executor, one operation at a time):
//   Lpm01aMonitor m(ex, {.path = "/dev/ttyACM0", .volts = 1.8});
//   co_await m.open();      // stops a stale capture, drains, htc, configures, powers the DUT
//   co_await m.start();     // 1 kHz energy samples
//   PowerTrace t = co_await m.stop();
//   co_await m.close();     // pwr off, hrc
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "power/lpm01a/lpm01a_capture.h"
#include "power/lpm01a/lpm01a_reply.h"
#include "power/lpm01a/lpm01a_settings.h"
#include "power/lpm01a/lpm01a_stream_parser.h"
#include "power/power_monitor.h"
#include "power/serial/serial_port.h"

namespace tr::power {

struct Lpm01aTiming {
  using duration = std::chrono::steady_clock::duration;
  duration command = std::chrono::seconds(2);              // an answer to a command
  duration volt = std::chrono::seconds(5);                 // `volt` recalibrates the board
  duration error_detail = std::chrono::milliseconds(300);  // `Error detail:` after `error`
  duration drain_quiet = std::chrono::milliseconds(200);   // silence that ends a drain
  duration drain_max = std::chrono::seconds(2);            // per attempt; then `stop` again
  duration stop = std::chrono::seconds(3);                 // `stop` -> "Acquisition completed"
  int open_attempts = 3;                                   // stop + drain + htc rounds
};

struct Lpm01aOptions {
  std::string path;         // /dev/ttyACM0, /dev/serial/by-id/..., or a simulator's PTY
  double volts = 1.8;       // DUT supply, 1.8..3.3 V (MLPerf Tiny: 1800m)
  double rate_hz = 1000.0;  // default capture rate (MLPerf Tiny: 1 kHz)
  lpm01a::Output output = lpm01a::Output::energy;
  lpm01a::Format format = lpm01a::Format::ascii_dec;
  bool markers = true;               // `eventsrc d7 fal` (not in older firmware's help text)
  bool lcd = true;                   // say on the board's LCD that tinyrack holds it
  bool supply_on_after_open = true;  // the DUT runs while the monitor is open
  bool supply_off_at_close = true;   // as the MLPerf runner: `pwr off` before `hrc`
  unsigned baud = 115200;            // ignored by the USB VCP; the ST tools set 3686400
  Lpm01aTiming timing;
};

class Lpm01aMonitor : public PowerMonitor {
 public:
  Lpm01aMonitor(boost::asio::any_io_executor executor, Lpm01aOptions options);
  // Releases the port without a word to the board (a crash, as far as it can tell).
  ~Lpm01aMonitor() override;

  boost::asio::awaitable<void> open() override;
  boost::asio::awaitable<void> close() override;
  boost::asio::awaitable<void> start(double rate_hz = 0.0) override;
  boost::asio::awaitable<PowerTrace> stop() override;
  boost::asio::awaitable<void> set_supply(bool on, std::optional<double> volts) override;
  MonitorCapabilities capabilities() const override;
  std::string description() const override;

  // One command and the board's answer; PowerError(refused) naming it on `error`.
  boost::asio::awaitable<lpm01a::Lpm01aReply> command(std::string line);

  const std::string& board_id() const { return board_id_; }  // from `powershield`
  const std::string& firmware() const { return firmware_; }  // from `version`
  double supply_volts() const { return volts_; }             // from `volt get`

 private:
  enum class State { closed, idle, capturing };
  using Clock = std::chrono::steady_clock;

  boost::asio::awaitable<void> resync();
  boost::asio::awaitable<void> configure();
  boost::asio::awaitable<lpm01a::Lpm01aReply> exchange(std::string line, Clock::duration timeout);
  boost::asio::awaitable<double> read_volts();
  boost::asio::awaitable<bool> wait_until(const std::function<bool()>& done,
                                          Clock::time_point deadline);
  void on_data();
  void wake();
  void require_open(const char* what) const;
  std::string who() const;  // "LPM01A on /dev/ttyACM0"

  Lpm01aOptions options_;
  serial::SerialPort port_;
  lpm01a::Lpm01aStreamParser parser_;
  std::vector<lpm01a::Lpm01aItem> items_;
  std::vector<boost::asio::steady_timer*> waiters_;
  State state_ = State::closed;
  std::optional<lpm01a::ReplyMatcher> pending_;
  std::size_t data_lines_ = 0;  // samples and values seen; stale output shows up here
  bool completed_ = false;      // "Acquisition completed" seen since the last `stop`
  bool resync_needed_ = false;  // a `stop` went unconfirmed: drain before the next capture
  std::optional<lpm01a::Lpm01aCapture> capture_;
  std::size_t nul_bytes_at_start_ = 0;
  double rate_hz_ = 0.0;  // what `freq` is set to
  double volts_ = 0.0;
  std::string board_id_;
  std::string firmware_;
};

}  // namespace tr::power
