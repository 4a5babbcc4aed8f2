#include "power/ppk2/ppk2_simulator.h"

#include <poll.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <optional>
#include <random>

#include "power/ppk2/ppk2_sample_source.h"
#include "power/serial/pty_pair.h"

namespace tr::power::ppk2 {
namespace {

using Clock = std::chrono::steady_clock;
constexpr auto kTick = std::chrono::milliseconds(5);
constexpr auto kPowerOffAfterClose = std::chrono::milliseconds(500);

}  // namespace

// The simulated device. Everything below runs under `mutex`: the serving thread holds it for
// each tick, the test thread for unplug() and stats().
struct Ppk2Simulator::Device {
  explicit Device(const Ppk2SimulatorOptions& o)
      : options(o), source(o.waveform, o.metadata, o.marker_pin, o.marker_pulse_s), rng(o.seed) {
    stats.vdd_mv = static_cast<int>(o.metadata.vdd_mv);
  }

  Ppk2SimulatorOptions options;
  serial::PtyPair pty;
  Ppk2SampleSource source;
  std::mt19937 rng;
  mutable std::mutex mutex;
  Ppk2SimulatorStats stats;
  std::string pending_command;
  std::string fifo;  // bytes the device has queued for USB
  std::size_t fifo_head = 0;
  std::vector<std::string> text_pieces;  // the metadata reply, released one piece per tick
  Clock::time_point stream_t0{};
  Clock::time_point next_chunk{};
  std::optional<Clock::time_point> detached_since;
  int metadata_ignored = 0;
  std::vector<std::uint32_t> words;

  void start_stream(Clock::time_point now) {
    stats.streaming = true;
    stats.samples_generated = 0;
    stream_t0 = now;
    next_chunk = now + options.chunk;
  }

  // Generates samples up to `now` into the FIFO, applying the loss faults.
  void generate_until(Clock::time_point now) {
    const double elapsed = std::chrono::duration<double>(now - stream_t0).count();
    const auto due = static_cast<std::uint64_t>(std::floor(elapsed * kSampleRateHz));
    if (due <= stats.samples_generated) return;
    words.clear();
    const std::uint64_t first = stats.samples_generated;
    source.generate(first, due, stats.dut_on, stats.vdd_mv, words);
    stats.samples_generated = due;
    for (std::size_t k = 0; k < words.size(); ++k) {
      const std::uint64_t i = first + k;
      bool lost = false;
      for (const auto& [at, count] : options.faults.lose)
        lost = lost || (i >= at && i < at + count);
      if (lost) continue;
      std::uint8_t le[4];
      for (int b = 0; b < 4; ++b) le[b] = static_cast<std::uint8_t>(words[k] >> (8 * b));
      const bool drop = std::find(options.faults.drop_byte.begin(), options.faults.drop_byte.end(),
                                  i) != options.faults.drop_byte.end();
      const std::size_t skip = drop ? 1 : 0;
      if (fifo.size() - fifo_head + 4 > options.fifo_bytes) {
        stats.bytes_dropped += 4 - skip;  // the device's buffer overflows: the counter shows it
        continue;
      }
      fifo.append(reinterpret_cast<const char*>(le) + skip, 4 - skip);
    }
  }

  void queue_metadata() {
    Ppk2Metadata m = source.metadata();
    m.vdd_mv = stats.vdd_mv;
    m.mode = static_cast<int>(stats.mode);
    const std::string text = m.to_text();
    std::uniform_int_distribution<std::size_t> size(1, 48);
    for (std::size_t at = 0; at < text.size();) {
      const std::size_t n = std::min(size(rng), text.size() - at);
      text_pieces.push_back(text.substr(at, n));
      at += n;
    }
  }

  void handle(const std::uint8_t* c, Clock::time_point now) {
    switch (c[0]) {
      case cmd::kAverageStart:
        ++stats.start_commands;
        start_stream(now);
        break;
      case cmd::kAverageStop:
        ++stats.stop_commands;
        if (stats.streaming) generate_until(now);  // what it measured until now still goes out
        stats.streaming = false;
        break;
      case cmd::kDeviceRunningSet:
        stats.dut_on = c[1] == 1;
        break;
      case cmd::kRegulatorSet:
        stats.vdd_mv = std::clamp(c[1] << 8 | c[2], kMinMillivolts, kMaxMillivolts);
        break;
      case cmd::kSetPowerMode:
        if (c[1] == 1 || c[1] == 2) stats.mode = static_cast<Ppk2Mode>(c[1]);
        break;
      case cmd::kGetMetadata:
        ++stats.metadata_requests;
        if (metadata_ignored < options.faults.ignore_metadata) {
          ++metadata_ignored;
        } else {
          queue_metadata();
        }
        break;
      case cmd::kSetUserGains:
        if (c[1] < kRanges) {
          float gain = 0;
          std::memcpy(&gain, c + 2, 4);  // host (little-endian) order, as the official app sends
          source.metadata().ug[c[1]] = gain;
        }
        break;
      case cmd::kReset:
        stats.streaming = false;
        break;
      default:
        break;  // spike filter on/off, legacy PPK1 opcodes: no effect, no reply
    }
  }

  void read_commands(Clock::time_point now) {
    std::uint8_t buf[256];
    for (std::size_t n; (n = pty.read_master(buf)) > 0;) {
      stats.commands.insert(stats.commands.end(), buf, buf + n);
      pending_command.append(reinterpret_cast<const char*>(buf), n);
    }
    std::size_t at = 0;
    while (at < pending_command.size()) {
      const auto op = static_cast<std::uint8_t>(pending_command[at]);
      const std::size_t len = cmd::length(op);
      if (pending_command.size() - at < len) break;
      handle(reinterpret_cast<const std::uint8_t*>(pending_command.data()) + at, now);
      at += len;
    }
    pending_command.erase(0, at);
  }

  void flush() {
    if (!text_pieces.empty()) {
      fifo += text_pieces.front();
      text_pieces.erase(text_pieces.begin());
    }
    const std::size_t n = pty.write_master(
        {reinterpret_cast<const std::uint8_t*>(fifo.data()) + fifo_head, fifo.size() - fifo_head});
    fifo_head += n;
    stats.bytes_sent += n;
    if (fifo_head == fifo.size()) {
      fifo.clear();
      fifo_head = 0;
    } else if (fifo_head > 65536) {
      fifo.erase(0, fifo_head);
      fifo_head = 0;
    }
  }

  void unplug() {
    pty.close();
    stats.unplugged = true;
    stats.streaming = false;
    stats.dut_on = false;
  }

  // One pass of the device loop; returns how long the caller may wait for the next.
  std::chrono::milliseconds tick(Clock::time_point now) {
    if (!pty.is_open()) return kTick;
    read_commands(now);
    // The PPK2 switches VOUT off once the port has been closed for a while.
    if (pty.host_attached()) {
      detached_since.reset();
    } else if (!detached_since) {
      detached_since = now;
    } else if (now - *detached_since >= kPowerOffAfterClose) {
      stats.dut_on = false;
    }
    if (stats.streaming && now >= next_chunk) {
      generate_until(now);
      next_chunk += options.chunk;
      if (next_chunk < now) next_chunk = now + options.chunk;  // fell behind: do not burst
    }
    flush();
    if (stats.streaming && options.faults.unplug_after_s > 0.0 &&
        std::chrono::duration<double>(now - stream_t0).count() >= options.faults.unplug_after_s) {
      unplug();
    }
    if (!text_pieces.empty() || fifo_head < fifo.size()) return std::chrono::milliseconds(1);
    return kTick;
  }
};

Ppk2Simulator::Ppk2Simulator(Ppk2SimulatorOptions options)
    : device_(std::make_unique<Device>(options)) {}

Ppk2Simulator::~Ppk2Simulator() {
  stop();
}

const std::string& Ppk2Simulator::port() const {
  return device_->pty.slave_path();
}

void Ppk2Simulator::start() {
  if (thread_.joinable()) return;
  {
    std::lock_guard lock(device_->mutex);
    if (device_->options.faults.streaming_at_start) device_->start_stream(Clock::now());
  }
  stop_requested_ = false;
  thread_ = std::thread([this] { serve(); });
}

void Ppk2Simulator::stop() {
  stop_requested_ = true;
  if (thread_.joinable()) thread_.join();
}

void Ppk2Simulator::unplug() {
  std::lock_guard lock(device_->mutex);
  device_->unplug();
}

Ppk2SimulatorStats Ppk2Simulator::stats() const {
  std::lock_guard lock(device_->mutex);
  return device_->stats;
}

void Ppk2Simulator::serve() {
  while (!stop_requested_) {
    std::chrono::milliseconds wait;
    int fd = -1;
    {
      std::lock_guard lock(device_->mutex);
      wait = device_->tick(Clock::now());
      fd = device_->pty.master_fd();
    }
    // Wake early for host commands; a master without a host reports POLLHUP at once, so
    // then just sleep.
    pollfd p{fd, POLLIN, 0};
    const int ready = fd >= 0 ? ::poll(&p, 1, static_cast<int>(wait.count())) : 0;
    if (fd < 0 || ready < 0 || (p.revents & (POLLHUP | POLLERR | POLLNVAL)) != 0) {
      std::this_thread::sleep_for(wait);
    }
  }
}

}  // namespace tr::power::ppk2
