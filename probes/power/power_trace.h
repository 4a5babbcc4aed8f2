// PowerTrace: what a power monitor captured. Current (and, where the device measures it,
// voltage) samples, each the mean over its sample interval, and marker edges (the runner's
// timestamp GPIO) on the same clock. Every driver, simulator and the modelled monitor fill this
// one type, so energy integration and reports never depend on the device.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace tr::power {

// Where a figure comes from (ARCHITECTURE.md: a reader must never mistake one for another).
enum class Provenance { measured, modelled };
const char* to_string(Provenance p) noexcept;

// A timestamp edge seen by the monitor. `sample` is the index of the first sample at or after
// the edge, so a marker and the samples it separates agree whatever the clock arithmetic.
struct Marker {
  double t_s = 0.0;        // seconds since the capture started
  std::size_t sample = 0;  // first sample at or after t_s
  bool falling = true;     // MLPerf Tiny energy mode marks with a falling edge
};

struct PowerTrace {
  std::string monitor;  // e.g. "ppk2 /dev/ttyACM0 (serial C7E1...)"
  Provenance provenance = Provenance::measured;
  // Samples are uniform at rate_hz (time of sample i = i / rate_hz) unless time_s is filled,
  // in which case time_s[i] is when sample i starts (hwmon: irregular polling) and rate_hz is
  // the nominal rate. A sample holds until the next one starts; the last one lasts 1/rate_hz.
  double rate_hz = 0.0;
  std::vector<double> time_s;    // empty for uniform traces
  std::vector<float> current_a;  // mean current over each sample interval, amperes
  std::vector<float> voltage_v;  // per-sample voltage; empty = supply_v throughout
  double supply_v = 0.0;         // supply voltage (set or nominal), volts
  std::vector<Marker> markers;   // in time order
  // Set when the capture ended early (unplugged monitor, dead link): what was captured before
  // is kept above, and the reason is here, naming the device and what happened.
  std::optional<std::string> ended_by_error;
  // Free-form facts a report should carry (device firmware, range, calibration, CPI, ...).
  std::vector<std::pair<std::string, std::string>> notes;

  std::size_t size() const noexcept { return current_a.size(); }
  bool uniform() const noexcept { return time_s.empty(); }
  double start_of(std::size_t i) const noexcept;  // seconds
  double end_of(std::size_t i) const noexcept;    // start of i + 1, or start + 1 / rate_hz
  double volts_at(std::size_t i) const noexcept;  // voltage_v[i] or supply_v
  double duration_s() const noexcept;             // end of the last sample, 0 when empty

  // Appends one sample; `t_s` is required for irregular traces and ignored for uniform ones.
  void append(float current, std::optional<float> volts = std::nullopt,
              std::optional<double> t_s = std::nullopt);
  // Appends a marker at t_s (sample index computed from the samples so far and the rate).
  void mark(double t_s, bool falling = true);
};

}  // namespace tr::power
