// OtiiSimRecording: one recording of the simulated Arc. Its data is computed on demand from the
// Waveform (no buffers): sample i of mc is the exact mean current over [i/rate, (i+1)/rate)
// while the main output is on, mv the main voltage, mp their product; i1 idles high and
// pulses low at every marker edge of the waveform; i2 stays high. Times are seconds since the
// recording started.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "power/sim/waveform.h"

namespace tr::power::otii {

class OtiiSimRecording {
 public:
  OtiiSimRecording(std::int64_t id, const sim::Waveform& waveform, double rate_hz, double pulse_s,
                   std::set<std::string> channels, bool main_on, double volts);

  std::int64_t id() const { return id_; }
  bool running() const { return running_; }
  double rate_hz() const { return rate_hz_; }
  bool has(const std::string& channel) const { return channels_.count(channel) != 0; }
  static bool analog(const std::string& channel);
  static bool digital(const std::string& channel);

  void stop(double t);
  void supply_changed(double t, bool on, double volts);
  double duration(double now) const;  // until now, or until stop

  std::int64_t count(const std::string& channel, double now) const;
  // recording_get_channel_data's data for [index, index + n); the caller checks the range.
  nlohmann::json data(const std::string& channel, std::int64_t index, std::int64_t n,
                      double now) const;

 private:
  struct Supply {
    double t;
    bool on;
    double volts;
  };
  Supply supply_at(double t) const;
  std::vector<std::pair<double, bool>> gpi_entries(const std::string& channel, double now) const;

  std::int64_t id_;
  sim::Waveform waveform_;
  double rate_hz_;
  double pulse_s_;
  std::set<std::string> channels_;
  std::vector<Supply> supply_;  // changes in time order; the first at t = 0
  bool running_ = true;
  double stopped_at_ = 0.0;
};

}  // namespace tr::power::otii
