#include "power/ppk2/ppk2_monitor.h"

#include <cmath>
#include <sstream>

#include "power/power_error.h"

namespace tr::power::ppk2 {
namespace asio = boost::asio;
using asio::awaitable;

namespace {

std::string volts_text(double v) {
  std::ostringstream os;
  os << v << " V";
  return os.str();
}

}  // namespace

Ppk2Monitor::Ppk2Monitor(asio::any_io_executor executor, Ppk2Options options)
    : port_(executor, options.port, options.serial), options_(std::move(options)) {
  const std::string who = "ppk2 '" + options_.port + "'";
  if (options_.port.empty()) {
    throw PowerError(PowerErrc::config,
                     "ppk2: no serial port given; use the PPK2's measurement port, e.g. "
                     "/dev/serial/by-id/usb-Nordic_Semiconductor_PPK2_...-if01");
  }
  if (options_.mode == Ppk2Mode::source &&
      (options_.volts * 1000 < kMinMillivolts || options_.volts * 1000 > kMaxMillivolts)) {
    throw PowerError(PowerErrc::config, who + ": source voltage " + volts_text(options_.volts) +
                                            " is outside the PPK2's 0.8..5 V");
  }
  if (options_.mode == Ppk2Mode::ampere && !(options_.volts >= 0.0)) {
    throw PowerError(PowerErrc::config, who +
                                            ": the DUT supply voltage must be >= 0 V (0 = VDD "
                                            "from the device metadata)");
  }
  if (options_.marker_pin < 0 || options_.marker_pin > 7) {
    throw PowerError(PowerErrc::config, who + ": marker pin D" +
                                            std::to_string(options_.marker_pin) +
                                            " does not exist; the logic port has D0..D7");
  }
  if (options_.metadata_attempts < 1) {
    throw PowerError(PowerErrc::config, who + ": metadata_attempts must be at least 1");
  }
  vdd_mv_ = static_cast<int>(std::lround(options_.volts * 1000));
}

Ppk2Monitor::~Ppk2Monitor() = default;

std::string Ppk2Monitor::description() const {
  return "ppk2 on " + options_.port;
}

MonitorCapabilities Ppk2Monitor::capabilities() const {
  MonitorCapabilities c;
  c.markers = true;
  c.supply_control = true;  // ampere mode: the DUT switch only, no voltage
  c.voltage = false;
  c.max_rate_hz = kSampleRateHz;
  c.per_inference_energy = true;
  return c;
}

// The conversion's VDD (§1.4): the regulator setting, or in ampere mode the metadata VDD.
double Ppk2Monitor::conversion_vdd_mv() const {
  if (options_.mode == Ppk2Mode::source) return vdd_mv_;
  return metadata_ ? metadata_->vdd_mv : vdd_mv_;
}

double Ppk2Monitor::supply_volts() const {
  if (options_.mode == Ppk2Mode::source) return vdd_mv_ / 1000.0;
  if (options_.volts > 0.0) return options_.volts;
  return metadata_ ? metadata_->vdd_mv / 1000.0 : 0.0;
}

awaitable<void> Ppk2Monitor::send(std::string bytes, const char* what) {
  try {
    co_await port_.write(std::move(bytes), options_.command_timeout);
  } catch (const PowerError& e) {
    throw PowerError(e.code(), std::string(e.what()) + " (sending " + what + " to the PPK2)");
  }
}

awaitable<Ppk2Metadata> Ppk2Monitor::read_metadata() {
  std::string last_error;
  for (int attempt = 1; attempt <= options_.metadata_attempts; ++attempt) {
    co_await send(metadata_command(), "GetMetadata (19)");
    try {
      const std::string text = co_await port_.read_until(
          "END\n", options_.metadata_timeout,
          "waiting for the metadata reply to GetMetadata (19), attempt " + std::to_string(attempt) +
              " of " + std::to_string(options_.metadata_attempts));
      co_return Ppk2Metadata::parse(text, options_.port);
    } catch (const PowerError& e) {
      if (e.code() == PowerErrc::disconnected) throw;
      last_error = e.what();
    }
  }
  throw PowerError(PowerErrc::timeout,
                   options_.port + ": no usable metadata reply to GetMetadata (19) after " +
                       std::to_string(options_.metadata_attempts) +
                       " attempts (last: " + last_error +
                       "). Is this the PPK2's measurement port (firmware >= 1.2.0 has two "
                       "serial ports; use the lower interface number) and is it powered?");
}

awaitable<void> Ppk2Monitor::open() {
  if (opened_) co_return;
  port_.open();
  try {
    // A crashed session may have left the device streaming: stop it and wait for silence.
    co_await send(stop_command(), "AverageStop (07)");
    stale_bytes_ = co_await port_.drain(options_.drain_quiet, options_.drain_max);
    metadata_ = co_await read_metadata();
    if (options_.mode == Ppk2Mode::source) {
      co_await send(device_running_command(false), "DeviceRunningSet off (0C 00)");
      co_await send(regulator_command(vdd_mv_), "RegulatorSet (0D)");
      co_await send(power_mode_command(Ppk2Mode::source), "SetPowerMode source (11 02)");
      dut_on_ = false;
      if (options_.supply_on_open) {
        co_await send(device_running_command(true), "DeviceRunningSet on (0C 01)");
        dut_on_ = true;
      }
    } else {
      co_await send(power_mode_command(Ppk2Mode::ampere), "SetPowerMode ampere (11 01)");
      co_await send(device_running_command(true), "DeviceRunningSet on (0C 01)");
      dut_on_ = true;
    }
  } catch (...) {
    port_.close();
    throw;
  }
  decoder_ =
      std::make_unique<Ppk2StreamDecoder>(*metadata_, conversion_vdd_mv(), options_.spike_filter);
  opened_ = true;
}

awaitable<void> Ppk2Monitor::close() {
  if (port_.is_open()) {
    try {
      co_await send(stop_command(), "AverageStop (07)");
    } catch (const PowerError&) {
      // Already gone (unplugged): closing must still succeed.
    }
  }
  capturing_ = false;
  port_.set_on_data(nullptr);
  port_.close();
  opened_ = false;
}

awaitable<void> Ppk2Monitor::set_supply(bool on, std::optional<double> volts) {
  if (!opened_) {
    throw PowerError(PowerErrc::config, options_.port + ": set_supply() before open()");
  }
  if (volts) {
    if (options_.mode == Ppk2Mode::ampere) {
      throw PowerError(PowerErrc::unsupported,
                       options_.port +
                           ": in ampere-meter mode the DUT has its own supply and "
                           "the PPK2 cannot set its voltage; use source mode");
    }
    const long mv = std::lround(*volts * 1000);
    if (mv < kMinMillivolts || mv > kMaxMillivolts) {
      throw PowerError(PowerErrc::config, options_.port + ": supply " + volts_text(*volts) +
                                              " is outside the PPK2's 0.8..5 V");
    }
    co_await send(regulator_command(static_cast<int>(mv)), "RegulatorSet (0D)");
    vdd_mv_ = static_cast<int>(mv);
    decoder_->set_vdd(conversion_vdd_mv());
    // A change mid-capture: from here on each sample carries its voltage.
    if (capturing_ && std::abs(supply_volts() - trace_.supply_v) > 1e-9) {
      trace_.voltage_v.resize(trace_.size(), static_cast<float>(trace_.supply_v));
    }
  }
  co_await send(device_running_command(on),
                on ? "DeviceRunningSet on (0C 01)" : "DeviceRunningSet off (0C 00)");
  dut_on_ = on;
}

}  // namespace tr::power::ppk2
