#include "power/hwmon/hwmon_simulator.h"

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <csignal>
#include <cstdlib>
#include <fstream>

#include "power/hwmon/hwmon_device.h"
#include "power/power_error.h"

namespace tr::power::hwmon {
namespace fs = std::filesystem;
using namespace std::chrono_literals;
using std::chrono::steady_clock;

namespace {

Ina2xxChip chip_named(const std::string& name) {
  auto chip = Ina2xxChip::from_name(name);
  if (!chip) {
    throw PowerError(PowerErrc::config,
                     "hwmon simulator: '" + name + "' is not an INA2xx chip of the ina2xx driver");
  }
  return *chip;
}

void write_whole(const fs::path& file, const std::string& text) {
  std::ofstream(file, std::ios::trunc) << text;
}

}  // namespace

HwmonSimulator::HwmonSimulator(HwmonSimulatorOptions options)
    : options_(std::move(options)), chip_(chip_named(options_.chip)) {
  if (chip_.fixed_shunt_uohm) options_.shunt_uohm = *chip_.fixed_shunt_uohm;
  if (options_.shunt_uohm <= 0 || options_.shunt_uohm > chip_.max_shunt_uohm()) {
    throw PowerError(PowerErrc::config,
                     "hwmon simulator: shunt_resistor " + std::to_string(options_.shunt_uohm) +
                         " uOhm is outside 1.." + std::to_string(chip_.max_shunt_uohm()) +
                         " for an " + chip_.name + " (the kernel answers -EINVAL)");
  }
  interval_ms_ = chip_.has_update_interval ? chip_.snap_update_interval(options_.update_interval_ms)
                                           : options_.update_interval_ms;
}

HwmonSimulator::~HwmonSimulator() {
  stop();
}

fs::path HwmonSimulator::start() {
  if (options_.root.empty()) {
    throw PowerError(PowerErrc::config, "hwmon simulator: no root folder for the fake tree");
  }
  std::error_code ec;
  fs::create_directories(device_path(), ec);
  if (ec) {
    throw PowerError(PowerErrc::config, "hwmon simulator: cannot create " + device_path().string() +
                                            ": " + ec.message());
  }
  if (options_.decoys) {
    for (auto [entry, name] : {std::pair{"hwmon0", "coretemp"}, std::pair{"hwmon1", "nvme"}}) {
      if (entry == options_.entry) continue;
      fs::create_directories(options_.root / entry, ec);
      write_whole(options_.root / entry / "name", std::string(name) + "\n");
      write_whole(options_.root / entry / "temp1_input", "42000\n");
    }
  }
  started_ = steady_clock::now();
  write_file("name", chip_.name + "\n");
  write_file("shunt_resistor", std::to_string(options_.shunt_uohm) + "\n");
  if (chip_.has_update_interval) {
    interval_text_ = std::to_string(interval_ms_.load());
    write_file("update_interval", interval_text_ + "\n");
  }
  write_readings(0.0);
  thread_ = std::thread([this] { run(); });
  return device_path();
}

void HwmonSimulator::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void HwmonSimulator::reset_chip(double zero_s) {
  std::lock_guard lock(mutex_);
  const double now = std::chrono::duration<double>(steady_clock::now() - started_).count();
  reset_until_ = now + zero_s;
}

void HwmonSimulator::remove_device() {
  std::lock_guard lock(mutex_);
  removed_ = true;
  std::error_code ignored;
  fs::remove_all(device_path(), ignored);
}

void HwmonSimulator::run() {
  std::unique_lock lock(mutex_);
  double t = 0.0;  // simulated time of the last update
  while (!stopping_) {
    // Updates on an absolute schedule, so conversions tile time exactly; between them, watch
    // for writes to update_interval every 5 ms.
    const double next = t + interval_ms_.load() / 1000.0;
    const auto due = started_ + std::chrono::duration_cast<steady_clock::duration>(
                                    std::chrono::duration<double>(next));
    wake_.wait_until(lock, std::min(due, steady_clock::now() + 5ms), [this] { return stopping_; });
    if (stopping_ || removed_) continue;
    follow_update_interval_write();
    if (steady_clock::now() >= due) {
      t = next;
      write_readings(t);
      ++updates_;
    }
  }
}

void HwmonSimulator::write_readings(double t) {
  const double interval = interval_ms_.load() / 1000.0;
  Ina2xxReadings r;  // all zero while the chip is in reset
  if (t >= reset_until_) {
    const double amps = options_.waveform.mean_current(t - interval, t);
    r = chip_.quantise(amps, options_.waveform.volts, options_.shunt_uohm);
  }
  write_file("in0_input", std::to_string(r.in0_mv) + "\n");
  write_file("in1_input", std::to_string(r.in1_mv) + "\n");
  write_file("curr1_input", std::to_string(r.curr1_ma) + "\n");
  write_file("power1_input", std::to_string(r.power1_uw) + "\n");
}

void HwmonSimulator::follow_update_interval_write() {
  if (!chip_.has_update_interval) return;
  const auto text = read_sysfs_text(device_path() / "update_interval");
  if (!text || text->empty() || *text == interval_text_) return;  // unchanged, or mid-write
  char* end = nullptr;
  const long wanted = std::strtol(text->c_str(), &end, 10);
  // The kernel rejects a non-number (the file keeps its value) and snaps a number.
  if (end != text->c_str() && *end == '\0' && wanted > 0) {
    interval_ms_ = chip_.snap_update_interval(wanted);
  }
  interval_text_ = std::to_string(interval_ms_.load());
  write_file("update_interval", interval_text_ + "\n");
}

void HwmonSimulator::write_file(const std::string& name, const std::string& text) {
  const fs::path tmp = device_path() / ("." + name + ".tmp");
  write_whole(tmp, text);
  std::error_code ignored;
  fs::rename(tmp, device_path() / name, ignored);  // readers see the old or the new file
}

int run_hwmon_simulator(const HwmonSimulatorOptions& options, std::ostream& out) {
  HwmonSimulator simulator(options);
  out << simulator.start().string() << std::endl;
  boost::asio::io_context waiter;
  boost::asio::signal_set signals(waiter, SIGINT, SIGTERM);
  boost::asio::steady_timer deadline(waiter);
  signals.async_wait([&](boost::system::error_code, int) { deadline.cancel(); });
  if (options.duration_s > 0.0) {
    deadline.expires_after(std::chrono::duration_cast<steady_clock::duration>(
        std::chrono::duration<double>(options.duration_s)));
    deadline.async_wait([&](boost::system::error_code ec) {
      if (!ec) signals.cancel();
    });
  }
  waiter.run();
  simulator.stop();
  return 0;
}

}  // namespace tr::power::hwmon
