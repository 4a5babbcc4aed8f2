#include "power/otii/otii_sim_recording.h"

#include <algorithm>
#include <cmath>

namespace tr::power::otii {
using nlohmann::json;

OtiiSimRecording::OtiiSimRecording(std::int64_t id, const sim::Waveform& waveform, double rate_hz,
                                   double pulse_s, std::set<std::string> channels, bool main_on,
                                   double volts)
    : id_(id),
      waveform_(waveform),
      rate_hz_(rate_hz),
      pulse_s_(pulse_s),
      channels_(std::move(channels)),
      supply_{{0.0, main_on, volts}} {}

bool OtiiSimRecording::analog(const std::string& channel) {
  return channel == "mc" || channel == "mv" || channel == "mp";
}

bool OtiiSimRecording::digital(const std::string& channel) {
  return channel == "i1" || channel == "i2";
}

void OtiiSimRecording::stop(double t) {
  if (!running_) return;
  running_ = false;
  stopped_at_ = t;
}

void OtiiSimRecording::supply_changed(double t, bool on, double volts) {
  if (running_) supply_.push_back({std::max(t, supply_.back().t), on, volts});
}

double OtiiSimRecording::duration(double now) const {
  return running_ ? now : stopped_at_;
}

OtiiSimRecording::Supply OtiiSimRecording::supply_at(double t) const {
  Supply s = supply_.front();
  for (const Supply& change : supply_) {
    if (change.t <= t) s = change;
  }
  return s;
}

std::vector<std::pair<double, bool>> OtiiSimRecording::gpi_entries(const std::string& channel,
                                                                   double now) const {
  const double end = duration(now);
  std::vector<std::pair<double, bool>> out{{0.0, true}};  // the level at the start
  if (channel != "i1") return out;
  for (double t : waveform_.marker_times(0.0, end)) {
    if (!supply_at(t).on) continue;  // an unpowered DUT toggles nothing
    out.emplace_back(t, false);
    if (t + pulse_s_ <= end) out.emplace_back(t + pulse_s_, true);
  }
  return out;
}

std::int64_t OtiiSimRecording::count(const std::string& channel, double now) const {
  if (!has(channel)) return 0;
  if (analog(channel)) {
    return static_cast<std::int64_t>(std::floor(duration(now) * rate_hz_ + 1e-9));
  }
  if (digital(channel)) return static_cast<std::int64_t>(gpi_entries(channel, now).size());
  return 0;  // enabled, but this simulator records nothing on it
}

json OtiiSimRecording::data(const std::string& channel, std::int64_t index, std::int64_t n,
                            double now) const {
  json values = json::array();
  if (digital(channel)) {
    const auto entries = gpi_entries(channel, now);
    for (std::int64_t i = index; i < index + n; ++i) {
      const auto& [t, level] = entries[static_cast<std::size_t>(i)];
      values.push_back({{"timestamp", t}, {"value", level}});
    }
    return {{"data_type", "digital"}, {"values", std::move(values)}};
  }
  const double dt = 1.0 / rate_hz_;
  for (std::int64_t i = index; i < index + n; ++i) {
    const double t0 = static_cast<double>(i) * dt;
    const Supply s = supply_at(t0);
    const double amps = s.on ? waveform_.mean_current(t0, t0 + dt) : 0.0;
    const double volts = s.on ? s.volts : 0.0;
    values.push_back(channel == "mc" ? amps : channel == "mv" ? volts : amps * volts);
  }
  return {{"data_type", "analog"},
          {"timestamp", static_cast<double>(index) * dt},
          {"interval", dt},
          {"values", std::move(values)}};
}

}  // namespace tr::power::otii
