// Lpm01aDevice: the PowerShield as the simulator plays it, without any I/O: command lines in,
// the bytes the board would send out, and the stream of a running acquisition generated from a
// known Waveform for any point in time. Wire-exact per the fact sheet (§2.2-§2.4, §2.7);
// where the board's behaviour is not documented the choice is marked "(simulator's rule)".
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>

#include "power/lpm01a/lpm01a_settings.h"
#include "power/sim/waveform.h"

namespace tr::power::lpm01a {

// Faults of the byte stream a real board is known to produce.
struct Lpm01aStreamFaults {
  bool nul_after_timestamp = false;  // a stray '\0' after each TimeStamp line
  std::size_t glue_every = 0;        // every Nth value loses its line end (glued to the next)
  std::size_t cut_every = 0;         // every Nth value loses its last character (lost bytes)
  bool info_records = false;         // bin_hexa: an F0 F2 info record with each timestamp
};

struct Lpm01aDeviceConfig {
  sim::Waveform waveform;  // the DUT's current; its `volts` is not used (the board's `volt` is)
  std::string board_id = "3A1B2-C3D4E-5F607";
  std::string firmware = "1.0.6";
  bool has_eventsrc = true;  // false: firmware whose command set lacks `eventsrc`
  Lpm01aStreamFaults faults;
};

class Lpm01aDevice {
 public:
  explicit Lpm01aDevice(Lpm01aDeviceConfig config);

  // One command line as received (terminator stripped); returns the board's answer bytes.
  // `now_s` is the simulator's clock (seconds, any origin, never decreasing).
  std::string handle(std::string_view line, double now_s);
  // The acquisition's bytes due by `now_s` (empty when idle), including its end when a finite
  // `acqtime` runs out.
  std::string stream(double now_s);

  bool acquiring() const { return acquiring_; }
  double acquisition_elapsed(double now_s) const { return acquiring_ ? now_s - t0_ : 0.0; }
  std::size_t samples_sent() const { return sent_; }
  bool supply_on() const;
  double volts() const { return volts_; }

 private:
  std::string ack(std::string_view line, std::string_view result = {}) const;
  std::string error(std::string_view line, std::string_view detail) const;
  std::string configure(std::string_view verb, std::string_view args, std::string_view line);
  std::string start(std::string_view line, double now_s);
  std::string finish();  // the end of an acquisition: bin_hexa record, "Acquisition completed"
  void emit_sample(std::size_t k, std::string& out);
  void emit_timestamp(std::string& out) const;
  double next_marker();

  Lpm01aDeviceConfig config_;
  bool host_control_ = false;
  double volts_ = 3.3;
  double freq_ = 100.0;
  double acqtime_s_ = 10.0;
  Output output_ = Output::current;
  Format format_ = Format::ascii_dec;
  bool events_ = false;
  enum class Power { automatic, on, off } power_ = Power::automatic;
  bool power_end_on_ = true;
  // The running acquisition.
  bool acquiring_ = false;
  double t0_ = 0.0;
  std::size_t sent_ = 0;
  std::size_t values_ = 0;  // values written, for the glue/cut faults
  std::uint32_t events_sent_ = 0;
  std::deque<double> markers_;  // upcoming D7 falling edges, seconds since t0
  double marker_horizon_ = 0.0;
};

}  // namespace tr::power::lpm01a
