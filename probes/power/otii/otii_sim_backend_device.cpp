// OtiiSimBackend's device (arc_*) and recording commands.
#include <cmath>

#include "power/otii/otii_sim_backend.h"

namespace tr::power::otii {
using nlohmann::json;

namespace {

const std::set<std::string> kKnownChannels = {"mc", "mp", "mv", "ac", "av", "sp", "sn",
                                              "vb", "vj", "tp", "rx", "i1", "i2"};

}  // namespace

json OtiiSimBackend::set_main_voltage(const json& data, double now) {
  require_device(data);
  const double volts = need(data, "value", "number").get<double>();
  if (!(volts >= 0.5 && volts <= 5.0)) {  // the Arc's main output range
    throw Failure{"Invalid key value", {{"key", "value"}, {"value", volts}}};
  }
  main_volts_ = volts;
  if (recording()) current_->supply_changed(now, main_on_, main_volts_);
  return json::object();
}

json OtiiSimBackend::get_main_voltage(const json& data, double) {
  require_device(data);
  return {{"value", main_volts_}};
}

json OtiiSimBackend::set_main(const json& data, double now) {
  require_device(data);
  main_on_ = need(data, "enable", "boolean").get<bool>();
  if (recording()) current_->supply_changed(now, main_on_, main_volts_);
  return json::object();
}

json OtiiSimBackend::get_main(const json& data, double) {
  require_device(data);
  return {{"value", main_on_}};
}

json OtiiSimBackend::enable_channel(const json& data, double) {
  require_device(data);
  const std::string channel = need(data, "channel", "string").get<std::string>();
  const bool enable = need(data, "enable", "boolean").get<bool>();
  if (kKnownChannels.count(channel) == 0) {
    throw Failure{"Invalid key value", {{"key", "channel"}, {"value", channel}}};
  }
  if (enable)
    enabled_.insert(channel);
  else
    enabled_.erase(channel);
  return json::object();
}

json OtiiSimBackend::set_channel_samplerate(const json& data, double) {
  require_device(data);
  need(data, "channel", "string");
  need(data, "value", "integer");
  throw Failure{"Command not valid for device type", json::object()};  // Arc-like: fixed rate
}

json OtiiSimBackend::get_version(const json& data, double) {
  require_device(data);
  return {{"hw_version", "sim"}, {"fw_version", options_.otii_version}};
}

json OtiiSimBackend::is_connected(const json& data, double) {
  need(data, "device_id", "string");
  return {{"connected", data["device_id"] == options_.device_id}};
}

// --- recordings ---

json OtiiSimBackend::start_recording(const json& data, double) {
  require_project(data);
  // The simulator's choice (unverified on a real server): one recording at a time.
  if (recording()) {
    throw Failure{"Command failure", {{"message", "a recording is already running"}}};
  }
  recordings_.push_back(std::make_unique<OtiiSimRecording>(
      static_cast<std::int64_t>(recordings_.size()) + 1, options_.waveform, options_.sample_rate_hz,
      options_.marker_pulse_s, enabled_, main_on_, main_volts_));
  current_ = recordings_.back().get();
  recording_started_ = now_;
  started_flag_ = true;
  return json::object();
}

json OtiiSimBackend::stop_recording(const json& data, double now) {
  require_project(data);
  if (recording()) current_->stop(now);  // stopping a stopped project is not an error
  return json::object();
}

json OtiiSimBackend::get_last_recording(const json& data, double) {
  require_project(data);
  if (current_ == nullptr) return {{"recording_id", -1}};
  return {{"recording_id", current_->id()},
          {"name", "Recording " + std::to_string(current_->id())}};
}

json OtiiSimBackend::is_running(const json& data, double) {
  const std::int64_t id = need(data, "recording_id", "integer").get<std::int64_t>();
  for (const auto& r : recordings_) {
    if (r->id() == id) return {{"running", r->running()}};
  }
  throw Failure{"Invalid key value", {{"key", "recording_id"}, {"value", id}}};
}

json OtiiSimBackend::channel_info(const json& data, double now) {
  const OtiiSimRecording& r = recording_of(data);
  const std::string channel = need(data, "channel", "string").get<std::string>();
  if (!r.has(channel)) throw Failure{"Invalid key value", {{"key", "channel"}, {"value", channel}}};
  const double to = r.duration(&r == current_ ? now : 0.0);
  return {{"offset", 0}, {"from", 0.0}, {"to", to}, {"sample_rate", r.rate_hz()}};
}

json OtiiSimBackend::channel_data_count(const json& data, double now) {
  const OtiiSimRecording& r = recording_of(data);
  const std::string channel = need(data, "channel", "string").get<std::string>();
  return {{"count", r.count(channel, &r == current_ ? now : 0.0)}};
}

json OtiiSimBackend::channel_data(const json& data, double now) {
  const OtiiSimRecording& r = recording_of(data);
  const std::string channel = need(data, "channel", "string").get<std::string>();
  const std::int64_t index = need(data, "index", "integer").get<std::int64_t>();
  const std::int64_t count = need(data, "count", "integer").get<std::int64_t>();
  if (count > kMaxChunk) {
    throw Failure{"Request too large", {{"read_size", count}, {"max_size", kMaxChunk}}};
  }
  const double t = &r == current_ ? now : 0.0;
  const std::int64_t available = r.count(channel, t);
  if (index < 0 || index > available) {
    throw Failure{"Invalid key value", {{"key", "index"}, {"value", index}}};
  }
  if (count < 0 || index + count > available) {
    throw Failure{"Invalid key value", {{"key", "count"}, {"value", count}}};
  }
  return r.data(channel, index, count, t);
}

}  // namespace tr::power::otii
