// HwmonSimulator: a fake /sys/class/hwmon tree with one INA2xx device whose inputs follow a
// known Waveform, so the hwmon driver can be developed and tested without an I2C chip.
// Every update_interval it writes what the chip and the kernel driver would show for the
// mean load over the last interval (Ina2xxChip::quantise: whole mA, the power LSB, mV), and
// it snaps writes to update_interval like the kernel. Files are replaced whole (write + rename).
// Runs on its own thread. Faults: a chip reset (all inputs 0 until the kernel re-initialises)
// and device removal (the directory vanishes).
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <ostream>
#include <string>
#include <thread>

#include "power/hwmon/ina2xx_chip.h"
#include "power/sim/waveform.h"

namespace tr::power::hwmon {

struct HwmonSimulatorOptions {
  std::filesystem::path root;  // the fake /sys/class/hwmon (created when missing)
  std::string entry = "hwmon2";
  std::string chip = "ina226";
  long shunt_uohm = 10000;      // 10 mΩ, the driver's default
  int update_interval_ms = 35;  // snapped like a write to the real file
  sim::Waveform waveform;       // the DUT's load; the bus voltage is waveform.volts
  bool decoys = true;           // also hwmon0 'coretemp' and hwmon1 'nvme' for discovery to skip
  double duration_s = 0.0;      // run_hwmon_simulator only: 0 = until SIGINT/SIGTERM
};

class HwmonSimulator {
 public:
  explicit HwmonSimulator(HwmonSimulatorOptions options);
  ~HwmonSimulator();  // stop()
  HwmonSimulator(const HwmonSimulator&) = delete;
  HwmonSimulator& operator=(const HwmonSimulator&) = delete;

  // Writes the tree and starts updating it; returns the device directory. A chip name that
  // is not INA2xx or a shunt over the chip's maximum -> PowerError(config).
  std::filesystem::path start();
  void stop();  // joins the thread; the tree stays (the caller owns root)
  std::filesystem::path device_path() const { return options_.root / options_.entry; }

  // Faults. reset_chip: the inputs read 0 for `zero_s` (the kernel's 5 retries x 69 ms).
  void reset_chip(double zero_s = 0.345);
  void remove_device();  // the directory vanishes (driver unbound, device removed)

  int update_interval_ms() const { return interval_ms_.load(); }
  std::size_t updates() const { return updates_.load(); }

 private:
  void run();
  void write_readings(double t);  // the mean over the interval ending at simulated time t
  void follow_update_interval_write();
  void write_file(const std::string& name, const std::string& text);

  HwmonSimulatorOptions options_;
  Ina2xxChip chip_;
  std::atomic<int> interval_ms_;
  std::atomic<std::size_t> updates_{0};
  std::string interval_text_;  // what the simulator last wrote to update_interval

  std::mutex mutex_;  // the tree, reset_until_, removed_, stopping_
  std::condition_variable wake_;
  std::chrono::steady_clock::time_point started_;  // simulated time 0
  double reset_until_ = -1.0;                      // simulated time, seconds
  bool removed_ = false;
  bool stopping_ = false;
  std::thread thread_;
};

// Starts the simulator, prints the device directory as the first line of `out`, then serves
// until SIGINT/SIGTERM or options.duration_s. Returns 0.
int run_hwmon_simulator(const HwmonSimulatorOptions& options, std::ostream& out);

}  // namespace tr::power::hwmon
