// Ppk2Simulator: a wire-exact Nordic PPK2 on a pseudo-terminal (power-monitors.md §1.6), so
// drivers and users can work without the hardware. It serves the slave path like a
// /dev/ttyACM0 and, on its own thread:
// - parses commands by opcode length (1, 2, 3 or 6 bytes), never acknowledges;
// - answers 19 with the 40-key metadata text in arbitrary chunks, ending END;
// - after 06 streams little-endian u32 words at 100 kS/s in ~30 ms chunks, measured from a known
//   Waveform (time 0 = the 06), with counter bits and the marker pin LOW for >= 50 us at each
//   burst's start and end; 07 stops, already-queued bytes still drain;
// - 0C switches the DUT model; closing the port for 500 ms powers it off too;
// - keeps streaming when the host disappears, so the next open finds stale bytes.
// Faults: lost samples, a dropped byte, unplug (the master closes), a stream already running at
// start (a crashed session), metadata queries that go unanswered.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <iosfwd>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "power/ppk2/ppk2_codec.h"
#include "power/ppk2/ppk2_metadata.h"
#include "power/sim/waveform.h"

namespace tr::power::ppk2 {

struct Ppk2Faults {
  // (first sample, count): generated (the counter advances) but never sent, as on a USB loss.
  std::vector<std::pair<std::uint64_t, std::uint32_t>> lose;
  std::vector<std::uint64_t> drop_byte;  // the word of this sample loses its first byte
  double unplug_after_s = 0.0;           // close the master this long after a 06 (0 = never)
  bool streaming_at_start = false;       // a crashed session's 06 is still in effect
  int ignore_metadata = 0;               // the first N 19s get no reply

  // "lose=20000:37,dropbyte=50000,unplug=1.5,stale,nometa=2" (any subset, repeatable).
  // Throws PowerError(config) naming the bad item.
  static Ppk2Faults parse(const std::string& spec);
};

struct Ppk2SimulatorOptions {
  sim::Waveform waveform;
  Ppk2Metadata metadata = Ppk2Metadata::example();
  int marker_pin = 0;
  double marker_pulse_s = 60e-6;        // >= 50 us, so 100 kS/s sees it at least 5 times
  std::chrono::milliseconds chunk{30};  // the device flushes about every 30 ms
  std::size_t fifo_bytes = 262144;      // device queue; beyond it new samples are dropped
  std::uint32_t seed = 1;               // metadata chunk sizes
  double duration_s = 0.0;              // run_ppk2_simulator: 0 = until SIGINT / SIGTERM
  Ppk2Faults faults;
};

struct Ppk2SimulatorStats {
  bool streaming = false;
  bool dut_on = false;
  bool unplugged = false;
  int vdd_mv = 3000;
  Ppk2Mode mode = Ppk2Mode::source;
  std::uint64_t samples_generated = 0;  // of the current / last stream
  std::uint64_t bytes_sent = 0;         // since the simulator started
  std::uint64_t bytes_dropped = 0;      // FIFO overflow while nobody read
  int start_commands = 0;
  int stop_commands = 0;
  int metadata_requests = 0;
  std::vector<std::uint8_t> commands;  // every command byte received, in order
};

class Ppk2Simulator {
 public:
  // Creates the PTY (PowerError(config) if it cannot); serving starts with start().
  explicit Ppk2Simulator(Ppk2SimulatorOptions options);
  ~Ppk2Simulator();  // stop()
  Ppk2Simulator(const Ppk2Simulator&) = delete;
  Ppk2Simulator& operator=(const Ppk2Simulator&) = delete;

  const std::string& port() const;  // the PTY slave path a driver opens
  void start();                     // serves on its own thread
  void stop();                      // joins the thread; the PTY stays until destruction
  void unplug();                    // closes the master now (any thread)
  Ppk2SimulatorStats stats() const;

 private:
  struct Device;
  void serve();

  std::unique_ptr<Device> device_;
  std::atomic<bool> stop_requested_{false};
  std::thread thread_;
};

// For `tinyrack simulate ppk2`: prints the PTY path on the first line and a description on the
// second, then serves until SIGINT/SIGTERM or options.duration_s. Returns 0, or 1 after
// printing "error: ..." when the PTY cannot be created. It blocks SIGINT/SIGTERM in the calling
// thread and waits for them with sigtimedwait: call it before starting other threads (or block
// the two signals in them), else a signal may hit a thread that does not expect it.
int run_ppk2_simulator(const Ppk2SimulatorOptions& options, std::ostream& out);

}  // namespace tr::power::ppk2
