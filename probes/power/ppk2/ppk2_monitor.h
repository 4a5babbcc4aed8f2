// Ppk2Monitor: the Nordic Power Profiler Kit II as a PowerMonitor (power-monitors.md §1).
//
// open():  opens the measurement port (raw, 115200 line coding which the device ignores, DTR
//          on), sends AverageStop (07) and drains what a crashed session left streaming, asks
//          GetMetadata (19) up to `metadata_attempts` times, parses the calibration, then sets
//          the mode: source meter (11 02 after 0C 00, regulator 0D at `volts`) or ampere meter
//          (11 01, then 0C 01 to close the DUT switch). The DUT supply is switched on at open
//          only with `supply_on_open`.
// start(): 06; every word of the 100 kS/s stream is decoded (calibration, spike filter,
//          counter-based loss detection, re-framing) and, at rate_hz < 100 kHz, averaged into
//          output samples of N = round(100k / rate_hz) raw samples. Falling edges of logic pin
//          D<marker_pin> become markers at the raw 10 us resolution.
// stop():  07, keeps decoding until the already-queued bytes stop arriving, returns the trace.
//          An unplug mid-capture ends the capture early: stop() returns what arrived with
//          ended_by_error naming the port.
// The device has no acknowledgements, so commands are fire-and-forget; only 19 has a reply.
// Keep power and measurement in one session: the PPK2 turns VOUT off when the port closes.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "power/power_monitor.h"
#include "power/ppk2/ppk2_codec.h"
#include "power/ppk2/ppk2_metadata.h"
#include "power/ppk2/ppk2_stream_decoder.h"
#include "power/serial/serial_port.h"

namespace tr::power::ppk2 {

struct Ppk2Options {
  std::string port;  // the measurement port: /dev/serial/by-id/...-if01 or /dev/ttyACM0
  Ppk2Mode mode = Ppk2Mode::source;
  // Source mode: the VOUT set at open (0.8..5.0 V). Ampere mode: the DUT's own supply, used
  // for power and energy (0 = the metadata VDD).
  double volts = 3.0;
  bool supply_on_open = false;  // source mode: switch VOUT on at open (else set_supply)
  int marker_pin = 0;           // D0..D7: the runner's timestamp line, idle high
  bool spike_filter = true;
  std::chrono::milliseconds command_timeout{500};
  std::chrono::milliseconds metadata_timeout{700};  // per 19 attempt
  int metadata_attempts = 5;                        // "the query sometimes fails"
  std::chrono::milliseconds drain_quiet{100};       // open: the line counts as idle after this
  std::chrono::milliseconds drain_max{3000};
  std::chrono::milliseconds stop_quiet{60};  // stop: queued bytes have arrived after this
  std::chrono::milliseconds stop_max{2000};
  serial::SerialOptions serial;
};

class Ppk2Monitor : public PowerMonitor {
 public:
  // Checks the options (volts, pin); PowerError(config) names the bad one.
  Ppk2Monitor(boost::asio::any_io_executor executor, Ppk2Options options);
  ~Ppk2Monitor() override;

  boost::asio::awaitable<void> open() override;
  boost::asio::awaitable<void> close() override;
  boost::asio::awaitable<void> start(double rate_hz = 0.0) override;
  boost::asio::awaitable<PowerTrace> stop() override;
  boost::asio::awaitable<void> set_supply(bool on, std::optional<double> volts) override;
  MonitorCapabilities capabilities() const override;
  std::string description() const override;

  // After open(): the parsed calibration (what the conversion uses).
  const std::optional<Ppk2Metadata>& metadata() const { return metadata_; }
  // Bytes of a previous session's stream that open() discarded.
  std::size_t stale_bytes_drained() const { return stale_bytes_; }

 private:
  boost::asio::awaitable<void> send(std::string bytes, const char* what);
  boost::asio::awaitable<Ppk2Metadata> read_metadata();
  void on_data();
  void take(const std::vector<Ppk2Sample>& samples);
  void finish_notes();
  double supply_volts() const;
  double conversion_vdd_mv() const;

  serial::SerialPort port_;
  Ppk2Options options_;
  std::optional<Ppk2Metadata> metadata_;
  std::unique_ptr<Ppk2StreamDecoder> decoder_;
  std::size_t stale_bytes_ = 0;
  bool opened_ = false;
  bool dut_on_ = false;
  int vdd_mv_ = 3000;

  // The capture in progress.
  bool capturing_ = false;
  PowerTrace trace_;
  std::size_t decimation_ = 1;
  std::size_t raw_index_ = 0;  // raw 10 us samples so far
  double bucket_sum_ = 0.0;
  std::size_t bucket_n_ = 0;
  int pin_level_ = -1;  // marker pin, -1 before the first sample
  std::vector<Ppk2Sample> scratch_;
  std::chrono::steady_clock::time_point started_at_{};
};

}  // namespace tr::power::ppk2
