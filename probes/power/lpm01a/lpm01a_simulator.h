// Lpm01aSimulator: a PowerShield on a pseudo-terminal, playing a known Waveform, so the driver
// (and users without the board: `tinyrack simulate lpm01a`) can run against the real wire
// protocol. Its own thread polls the PTY every few ms: it answers command lines, streams the
// running acquisition in real time, and keeps streaming when the host goes away (the stale
// output a crashed session leaves). Faults: stray NULs, glued and cut values, commands lost
// after a reopen, and unplugging (closing the PTY) mid-capture.
#pragma once

#include <atomic>
#include <cstddef>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <thread>

#include "power/lpm01a/lpm01a_device.h"
#include "power/serial/pty_pair.h"

namespace tr::power {

struct Lpm01aSimulatorOptions {
  lpm01a::Lpm01aDeviceConfig device;  // waveform, identity, firmware, stream faults
  // Link faults.
  std::size_t drop_commands_after_reopen = 0;  // lines lost when a host reattaches
  std::optional<double> unplug_after_s;        // close the PTY this far into the first capture
  // run_lpm01a_simulator() only: stop after this long (default: until SIGINT/SIGTERM).
  std::optional<double> duration_s;
  double tick_s = 0.005;  // poll period; samples go out in batches of about rate * tick
};

struct Lpm01aSimulatorStats {
  std::size_t commands = 0;      // lines handled
  std::size_t dropped = 0;       // lines lost on purpose (drop_commands_after_reopen)
  std::size_t acquisitions = 0;  // `start`s accepted
  std::size_t reattached = 0;    // times a host opened the port again after closing it
  bool unplugged = false;
};

class Lpm01aSimulator {
 public:
  explicit Lpm01aSimulator(Lpm01aSimulatorOptions options);
  ~Lpm01aSimulator();  // stop()
  Lpm01aSimulator(const Lpm01aSimulator&) = delete;
  Lpm01aSimulator& operator=(const Lpm01aSimulator&) = delete;

  // Creates the PTY and starts serving; throws PowerError(config) if no PTY can be made.
  void start();
  // Stops serving and closes the PTY. Safe to call twice.
  void stop();
  // The path the driver opens (valid after start()).
  const std::string& path() const { return pty_.slave_path(); }
  // Fault: the board vanishes now (the PTY master closes; the host reads EOF).
  void unplug() { unplug_requested_ = true; }
  Lpm01aSimulatorStats stats() const;

 private:
  void run();
  std::size_t read_input();  // appends what the host wrote to input_; returns the byte count
  void handle_lines(double now_s, std::string& out);

  Lpm01aSimulatorOptions options_;
  serial::PtyPair pty_;
  std::unique_ptr<lpm01a::Lpm01aDevice> device_;  // touched by the thread only
  std::thread thread_;
  std::atomic<bool> stop_requested_{false};
  std::atomic<bool> unplug_requested_{false};
  std::string input_;    // command bytes not yet ended by a line end
  std::string pending_;  // output the tty has not taken yet (the board's TX FIFO)
  bool was_attached_ = false;
  bool was_detached_ = false;
  std::size_t drop_budget_ = 0;
  // Stats, read from other threads.
  std::atomic<std::size_t> commands_{0};
  std::atomic<std::size_t> dropped_{0};
  std::atomic<std::size_t> acquisitions_{0};
  std::atomic<std::size_t> reattached_{0};
  std::atomic<bool> unplugged_{false};
};

// `tinyrack simulate lpm01a`: prints the PTY path on the first line of `out`, then a line
// describing the waveform, and serves until SIGINT/SIGTERM or options.duration_s. Returns 0.
int run_lpm01a_simulator(const Lpm01aSimulatorOptions& options, std::ostream& out);

}  // namespace tr::power
