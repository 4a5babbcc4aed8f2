#include "power/lpm01a/lpm01a_simulator.h"

#include <poll.h>
#include <signal.h>
#include <time.h>

#include <chrono>
#include <cmath>
#include <cstdint>
#include <ostream>
#include <span>

namespace tr::power {
namespace {

// A board's TX FIFO and the host's tty buffer are finite; past this the board drops output
// (its "buff" reaches 100 %).
constexpr std::size_t kMaxPending = 256 * 1024;

double seconds_since(std::chrono::steady_clock::time_point origin) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - origin).count();
}

}  // namespace

Lpm01aSimulator::Lpm01aSimulator(Lpm01aSimulatorOptions options) : options_(std::move(options)) {}

Lpm01aSimulator::~Lpm01aSimulator() {
  stop();
}

void Lpm01aSimulator::start() {
  if (thread_.joinable()) return;
  pty_ = serial::PtyPair();
  device_ = std::make_unique<lpm01a::Lpm01aDevice>(options_.device);
  stop_requested_ = false;
  thread_ = std::thread([this] { run(); });
}

void Lpm01aSimulator::stop() {
  stop_requested_ = true;
  if (thread_.joinable()) thread_.join();
  pty_.close();
}

Lpm01aSimulatorStats Lpm01aSimulator::stats() const {
  Lpm01aSimulatorStats s;
  s.commands = commands_;
  s.dropped = dropped_;
  s.acquisitions = acquisitions_;
  s.reattached = reattached_;
  s.unplugged = unplugged_;
  return s;
}

std::size_t Lpm01aSimulator::read_input() {
  std::uint8_t buf[1024];
  std::size_t total = 0;
  for (;;) {
    std::size_t n = pty_.read_master(std::span<std::uint8_t>(buf, sizeof buf));
    if (n == 0) break;
    input_.append(reinterpret_cast<const char*>(buf), n);
    total += n;
  }
  return total;
}

void Lpm01aSimulator::handle_lines(double now_s, std::string& out) {
  // Lines end with "\r\n" (mlcommons, Zephyr) or "\n" (ST's GUI); a lone '\r' ends one too.
  std::size_t begin = 0;
  for (std::size_t i = 0; i < input_.size(); ++i) {
    if (input_[i] != '\r' && input_[i] != '\n') continue;
    std::string line = input_.substr(begin, i - begin);
    begin = i + 1;
    if (line.empty()) continue;
    if (drop_budget_ > 0) {
      --drop_budget_;
      ++dropped_;
      continue;
    }
    ++commands_;
    const bool was_acquiring = device_->acquiring();
    out += device_->handle(line, now_s);
    if (!was_acquiring && device_->acquiring()) ++acquisitions_;
  }
  input_.erase(0, begin);
}

void Lpm01aSimulator::run() {
  const auto origin = std::chrono::steady_clock::now();
  const int tick_ms = std::max(1, static_cast<int>(std::lround(options_.tick_s * 1000.0)));
  std::optional<double> first_capture_start;
  while (!stop_requested_) {
    if (unplugged_) {  // gone: nothing to serve until stop()
      ::usleep(static_cast<useconds_t>(tick_ms) * 1000u);
      continue;
    }
    // Wait for a command or the next tick. With no host attached the master reports a
    // hang-up at once, so sleep instead of spinning.
    pollfd p{pty_.master_fd(), POLLIN, 0};
    ::poll(&p, 1, tick_ms);
    bool attached = (p.revents & POLLHUP) == 0;
    if (!attached) ::usleep(static_cast<useconds_t>(tick_ms) * 1000u);
    // Bytes from the host prove it is there, even if it arrived during the sleep: decide on a
    // reattach before handling them, so the dropped lines are the new session's first.
    if (read_input() > 0) attached = true;
    if (attached && !was_attached_ && was_detached_) {
      ++reattached_;
      drop_budget_ = options_.drop_commands_after_reopen;
    }
    if (!attached && was_attached_) was_detached_ = true;
    was_attached_ = attached;

    const double now = seconds_since(origin);
    std::string out;
    handle_lines(now, out);
    out += device_->stream(now);

    if (device_->acquiring() && !first_capture_start) {
      first_capture_start = now - device_->acquisition_elapsed(now);
    }
    if (options_.unplug_after_s && first_capture_start &&
        now - *first_capture_start >= *options_.unplug_after_s) {
      unplug_requested_ = true;
    }
    // Whatever the host has not taken stays queued, as in the board's FIFO.
    pending_ += out;
    if (pending_.size() > kMaxPending) pending_.erase(0, pending_.size() - kMaxPending);
    while (!pending_.empty()) {
      auto bytes = std::span<const std::uint8_t>(
          reinterpret_cast<const std::uint8_t*>(pending_.data()), pending_.size());
      std::size_t n = pty_.write_master(bytes);
      if (n == 0) break;
      pending_.erase(0, n);
    }
    if (unplug_requested_) {
      pty_.close();
      unplugged_ = true;
    }
  }
}

int run_lpm01a_simulator(const Lpm01aSimulatorOptions& options, std::ostream& out) {
  // Block the signals here so the serving thread inherits the mask and they reach sigtimedwait.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  sigset_t previous;
  pthread_sigmask(SIG_BLOCK, &signals, &previous);
  Lpm01aSimulator sim(options);
  try {
    sim.start();
  } catch (...) {
    pthread_sigmask(SIG_SETMASK, &previous, nullptr);
    throw;
  }
  out << sim.path() << std::endl;
  out << "lpm01a simulator: board " << options.device.board_id << ", firmware "
      << options.device.firmware << ", waveform " << options.device.waveform.describe()
      << "; Ctrl-C stops" << std::endl;
  const auto origin = std::chrono::steady_clock::now();
  for (;;) {
    double left = 0.2;
    if (options.duration_s) {
      left = std::min(left, *options.duration_s - seconds_since(origin));
      if (left <= 0.0) break;
    }
    timespec wait{0, static_cast<long>(left * 1e9)};
    const int sig = sigtimedwait(&signals, nullptr, &wait);
    if (sig == SIGINT || sig == SIGTERM) break;
  }
  sim.stop();
  pthread_sigmask(SIG_SETMASK, &previous, nullptr);
  return 0;
}

}  // namespace tr::power
