#include "power/serial/serial_port.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/system/system_error.hpp>
#include <cerrno>
#include <cstring>
#include <vector>

#include "power/serial/serial_line.h"

namespace tr::power::serial {
namespace asio = boost::asio;
using asio::awaitable;
using asio::use_awaitable;
using Clock = std::chrono::steady_clock;

// Everything the reader coroutine touches. A fresh State per open(), so a reader still
// unwinding from the previous session can never append to the new session's buffer.
struct SerialPort::State {
  explicit State(const asio::any_io_executor& ex) : fd(ex) {}

  asio::posix::stream_descriptor fd;
  std::vector<std::uint8_t> buffer;
  std::size_t head = 0;  // consumed bytes at the front of `buffer`
  std::size_t total = 0;
  Clock::time_point last_rx{};
  int draining = 0;  // on_data is not told about bytes drain() throws away
  bool closed = false;
  std::optional<PowerError> failure;
  std::function<void()> on_data;
  std::vector<asio::steady_timer*> waiters;

  std::size_t size() const { return buffer.size() - head; }
  void wake_all() {
    for (auto* t : waiters) t->cancel();
  }
  void notify() {
    if (draining == 0 && on_data) on_data();
    wake_all();
  }
};

namespace {

std::string errno_text(int err) {
  return std::strerror(err);
}

}  // namespace

awaitable<void> SerialPort::run_reader(std::shared_ptr<State> s, std::string path,
                                       std::size_t chunk) {
  std::vector<std::uint8_t> tmp(chunk);
  for (;;) {
    auto [ec, n] = co_await s->fd.async_read_some(asio::buffer(tmp), asio::as_tuple(use_awaitable));
    if (s->closed) co_return;  // close() won; whatever came with the abort is not ours
    if (n > 0) {
      s->buffer.insert(s->buffer.end(), tmp.begin(), tmp.begin() + static_cast<long>(n));
      s->total += n;
      s->last_rx = Clock::now();
    }
    if (ec) {
      s->failure = PowerError(
          PowerErrc::disconnected,
          path + ": the device disconnected (read: " + ec.message() +
              "); it was unplugged, reset, or its simulator stopped. Check the USB cable, "
              "wait for the port to reappear, then open it again");
      s->notify();
      co_return;
    }
    if (n > 0) s->notify();
  }
}

SerialPort::SerialPort(asio::any_io_executor executor, std::string path, SerialOptions options)
    : executor_(std::move(executor)), path_(std::move(path)), options_(options) {}

SerialPort::~SerialPort() {
  close();
}

void SerialPort::open() {
  close();
  int fd = ::open(path_.c_str(), O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    const int err = errno;
    std::string hint = err == ENOENT   ? "is the device plugged in and the path right?"
                       : err == EACCES ? "add your user to the 'dialout' group or fix udev rules"
                       : err == EBUSY  ? "another program holds it; close it"
                                       : "check the path";
    throw PowerError(PowerErrc::config,
                     path_ + ": cannot open the serial port: " + errno_text(err) + "; " + hint);
  }
  if (!::isatty(fd)) {
    ::close(fd);
    throw PowerError(PowerErrc::config, path_ +
                                            ": not a serial port (not a tty); give the "
                                            "monitor's /dev/ttyACM* or /dev/serial/by-id path");
  }
  // pyserial and tinyrack both take this lock: two programs reading one monitor see garbage.
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    ::close(fd);
    throw PowerError(PowerErrc::config, path_ +
                                            ": the serial port is open in another program "
                                            "(exclusive lock held); close that program first");
  }
  try {
    apply_line_settings(fd, path_, options_.baud, options_.dtr);
  } catch (...) {
    ::close(fd);
    throw;
  }
  auto s = std::make_shared<State>(executor_);
  s->fd.assign(fd);
  s->last_rx = Clock::now();
  s->on_data = on_data_;
  state_ = s;
  asio::co_spawn(executor_, run_reader(s, path_, options_.read_chunk), asio::detached);
}

void SerialPort::close() {
  if (!state_ || state_->closed) return;
  state_->closed = true;
  boost::system::error_code ignored;
  state_->fd.close(ignored);
  state_->wake_all();
}

bool SerialPort::is_open() const {
  return state_ && !state_->closed && !state_->failure;
}

std::span<const std::uint8_t> SerialPort::data() const {
  if (!state_) return {};
  return {state_->buffer.data() + state_->head, state_->size()};
}

std::string_view SerialPort::text() const {
  auto d = data();
  return {reinterpret_cast<const char*>(d.data()), d.size()};
}

void SerialPort::consume(std::size_t n) {
  if (!state_) return;
  State& s = *state_;
  s.head += std::min(n, s.size());
  // Compact once the consumed prefix dominates, so the buffer does not grow with the stream.
  if (s.head == s.buffer.size()) {
    s.buffer.clear();
    s.head = 0;
  } else if (s.head > 65536 && s.head * 2 > s.buffer.size()) {
    s.buffer.erase(s.buffer.begin(), s.buffer.begin() + static_cast<long>(s.head));
    s.head = 0;
  }
}

std::size_t SerialPort::total_received() const {
  return state_ ? state_->total : 0;
}

void SerialPort::set_on_data(std::function<void()> on_data) {
  on_data_ = std::move(on_data);
  if (state_) state_->on_data = on_data_;
}

std::optional<PowerError> SerialPort::failure() const {
  return state_ ? state_->failure : std::nullopt;
}

// Sleeps until the reader appends or fails, close() runs, or `deadline`. True = woken early.
awaitable<bool> SerialPort::wait_signal(Clock::time_point deadline) {
  auto s = state_;
  asio::steady_timer timer(executor_, deadline);
  s->waiters.push_back(&timer);
  struct Unregister {
    State& st;
    asio::steady_timer* t;
    ~Unregister() { std::erase(st.waiters, t); }
  } unregister{*s, &timer};
  auto [ec] = co_await timer.async_wait(asio::as_tuple(use_awaitable));
  asio::cancellation_state cs = co_await asio::this_coro::cancellation_state;
  if (cs.cancelled() != asio::cancellation_type::none) {
    throw boost::system::system_error(asio::error::operation_aborted);
  }
  co_return ec == asio::error::operation_aborted;
}

void SerialPort::throw_timeout(duration timeout, const std::string& what) const {
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(timeout).count();
  throw PowerError(PowerErrc::timeout, path_ + ": timed out after " + std::to_string(ms) + " ms " +
                                           what +
                                           "; is it the right port, powered and not in use?");
}

awaitable<void> SerialPort::write(std::string bytes, duration timeout) {
  using namespace asio::experimental::awaitable_operators;
  if (!state_ || state_->closed) {
    throw PowerError(PowerErrc::disconnected, path_ + ": write on a closed serial port");
  }
  if (state_->failure) throw *state_->failure;
  auto s = state_;
  asio::steady_timer timer(executor_, timeout);
  auto result =
      co_await (asio::async_write(s->fd, asio::buffer(bytes), asio::as_tuple(use_awaitable)) ||
                timer.async_wait(asio::as_tuple(use_awaitable)));
  if (result.index() == 1)
    throw_timeout(timeout, "writing " + std::to_string(bytes.size()) + " bytes");
  auto [ec, n] = std::get<0>(result);
  if (ec) {
    if (s->failure) throw *s->failure;
    throw PowerError(PowerErrc::disconnected,
                     path_ + ": write failed (" + ec.message() +
                         "); the device is gone or was reset. Replug it and open it again");
  }
}

awaitable<void> SerialPort::wait_for_data(std::size_t n, duration timeout, std::string what) {
  const auto deadline = Clock::now() + timeout;
  for (;;) {
    if (state_ && state_->size() >= n) co_return;
    if (state_ && state_->failure) throw *state_->failure;
    if (!state_ || state_->closed) {
      throw PowerError(PowerErrc::disconnected, path_ + ": serial port closed " + what);
    }
    if (Clock::now() >= deadline) throw_timeout(timeout, what);
    co_await wait_signal(deadline);
  }
}

awaitable<std::string> SerialPort::read_until(std::string delimiter, duration timeout,
                                              std::string what) {
  const auto deadline = Clock::now() + timeout;
  std::size_t searched = 0;  // resume the search where it stopped, minus a partial delimiter
  for (;;) {
    const std::string_view t = text();
    const auto at = t.find(delimiter, searched);
    if (at != std::string_view::npos) {
      std::string out(t.substr(0, at + delimiter.size()));
      consume(out.size());
      co_return out;
    }
    searched = t.size() >= delimiter.size() ? t.size() - delimiter.size() + 1 : 0;
    const auto left = deadline - Clock::now();
    if (left <= duration::zero()) throw_timeout(timeout, what);
    co_await wait_for_data(t.size() + 1, left, what);
  }
}

awaitable<std::size_t> SerialPort::drain(duration quiet_for, duration max_wait) {
  return until_quiet(quiet_for, max_wait, true);
}

awaitable<void> SerialPort::wait_quiet(duration quiet_for, duration max_wait) {
  co_await until_quiet(quiet_for, max_wait, false);
}

awaitable<std::size_t> SerialPort::until_quiet(duration quiet_for, duration max_wait,
                                               bool discard) {
  if (!state_ || state_->closed) {
    throw PowerError(PowerErrc::disconnected, path_ + ": waiting on a closed serial port");
  }
  auto s = state_;
  const auto start = Clock::now();
  const auto hard = start + std::max(max_wait, quiet_for);
  // drain() counts what was already buffered too: that is stale as well.
  const std::size_t total_at_start = s->total - (discard ? s->size() : 0);
  if (discard) ++s->draining;
  struct Undrain {
    State& st;
    bool on;
    ~Undrain() {
      if (on) --st.draining;
    }
  } undrain{*s, discard};
  for (;;) {
    if (discard) consume(s->size());
    if (s->failure) throw *s->failure;
    const auto quiet_at = std::max(start, s->last_rx) + quiet_for;
    const auto now = Clock::now();
    const std::size_t seen = s->total - total_at_start;
    if (now >= quiet_at) co_return seen;
    if (now >= hard) {
      const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(max_wait).count();
      throw PowerError(PowerErrc::timeout,
                       path_ + ": still streaming after " + std::to_string(ms) + " ms (" +
                           std::to_string(seen) +
                           " bytes since the wait began); the device ignores the stop command, "
                           "or it is not the device the driver expects");
    }
    co_await wait_signal(std::min(quiet_at, hard));
  }
}

}  // namespace tr::power::serial
