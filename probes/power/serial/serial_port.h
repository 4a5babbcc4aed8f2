// SerialPort: the byte pipe to a USB serial power monitor (PPK2, LPM01A) or to a simulator's
// PTY. Instruments stream unsolicited data (power-monitors.md §0.2), so the port runs ONE
// continuous reader from open() to close() that appends everything it receives to a
// reassembly buffer; drivers look at data(), consume() what they parsed, and wait for more
// with a deadline. There is no "write, then read the answer" call on purpose.
//
// Usage (one executor, one coroutine at a time per port; not thread-safe):
//   SerialPort port(executor, "/dev/ttyACM0");
//   port.open();                                        // raw, 115200, DTR on, reader running
//   co_await port.write("\x07", 500ms);                 // stop a stream a crashed run left
//   co_await port.drain(50ms, 2s);                      // discard stale bytes until quiet
//   co_await port.write("\x19", 500ms);
//   std::string reply = co_await port.read_until("END\n", 1s, "waiting for the metadata");
//   port.set_on_data([&] { parse(port.data()); port.consume(n); });  // streaming
//
// Errors are PowerError naming the path: config (cannot open: missing, busy, not a tty),
// timeout (a wait passed its deadline; nothing is consumed), disconnected (the device went
// away: EOF or EIO on read, as on an unplugged CDC-ACM port or a PTY whose master closed).
// After a disconnect the bytes received before it stay in data(); every wait throws the error.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "power/power_error.h"

namespace tr::power::serial {

struct SerialOptions {
  // Line coding. USB CDC-ACM monitors ignore it and PTYs too (power-monitors.md §0.1); a
  // non-standard rate (LPM01A 3686400) is set through termios2 BOTHER.
  unsigned baud = 115200;
  bool dtr = true;  // PPK2: "required to work on Windows"; harmless elsewhere (PTYs ignore it)
  std::size_t read_chunk = 65536;  // bytes per read; PPK2 streams about 400 kB/s
};

class SerialPort {
 public:
  using duration = std::chrono::steady_clock::duration;

  SerialPort(boost::asio::any_io_executor executor, std::string path, SerialOptions options = {});
  ~SerialPort();  // close()
  SerialPort(const SerialPort&) = delete;
  SerialPort& operator=(const SerialPort&) = delete;

  // Opens the tty (raw 8N1, no flow control, the baud, DTR) and starts the continuous reader.
  // The reassembly buffer starts empty. Throws PowerError(config) naming the path and errno
  // (missing, permission, busy, not a tty). Reopening after close() or a disconnect is allowed.
  void open();
  // Stops the reader and closes the fd. Buffered bytes stay readable. Safe to call twice.
  void close();
  bool is_open() const;
  const std::string& path() const { return path_; }

  // Received, not yet consumed bytes, oldest first. Valid until the next consume(), wait or
  // co_await on this port (the reader appends between suspensions).
  std::span<const std::uint8_t> data() const;
  std::string_view text() const;       // data() as chars
  void consume(std::size_t n);         // drops the first n bytes (n > size: everything)
  std::size_t total_received() const;  // bytes received since open(), consumed or not

  // Called on the executor right after the reader appended bytes (it may consume), and once
  // after a disconnect (check failure()). Not called for bytes discarded by drain().
  void set_on_data(std::function<void()> on_data);
  // The disconnect error, once the reader has seen EOF/EIO; empty while the line is up.
  std::optional<PowerError> failure() const;

  // Writes all bytes or throws: timeout, or disconnected when the fd refuses (EIO).
  boost::asio::awaitable<void> write(std::string bytes, duration timeout);
  // Waits until data().size() >= n. `what` finishes the error message ("waiting for ...").
  boost::asio::awaitable<void> wait_for_data(std::size_t n, duration timeout, std::string what);
  // Waits until `delimiter` is buffered; returns and consumes everything up to and including
  // it. Bytes before it (stale stream, prompts) are part of the result.
  boost::asio::awaitable<std::string> read_until(std::string delimiter, duration timeout,
                                                 std::string what);
  // Discards what is buffered and what keeps arriving until nothing came for `quiet_for`;
  // returns how many bytes were thrown away. PowerError(timeout) if the line is still busy
  // after `max_wait` (a device that never stops streaming).
  boost::asio::awaitable<std::size_t> drain(duration quiet_for, duration max_wait);
  // Like drain() but keeps the bytes (on_data sees them): waits until nothing came for
  // `quiet_for`, e.g. for a stream's last queued bytes after its stop command.
  boost::asio::awaitable<void> wait_quiet(duration quiet_for, duration max_wait);

 private:
  struct State;
  static boost::asio::awaitable<void> run_reader(std::shared_ptr<State> s, std::string path,
                                                 std::size_t chunk);
  boost::asio::awaitable<bool> wait_signal(std::chrono::steady_clock::time_point deadline);
  boost::asio::awaitable<std::size_t> until_quiet(duration quiet_for, duration max_wait,
                                                  bool discard);
  [[noreturn]] void throw_timeout(duration timeout, const std::string& what) const;

  boost::asio::any_io_executor executor_;
  std::string path_;
  SerialOptions options_;
  std::function<void()> on_data_;
  std::shared_ptr<State> state_;  // shared with the reader coroutine, which may outlive close()
};

}  // namespace tr::power::serial
