// OtiiSimBackend: the Otii app behind the simulator's socket. Turns one request line into the
// lines the server sends back (progress, then exactly one response or error), with the
// errorcodes of power-monitors.md §4 for bad requests. No I/O and no clock of its own: the
// server passes `now`, so tests can drive it at any pace.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "power/otii/otii_sim_recording.h"
#include "power/otii/otii_simulator_options.h"

namespace tr::power::otii {

class OtiiSimBackend {
 public:
  using clock = std::chrono::steady_clock;
  static constexpr std::int64_t kMaxChunk = 40000;  // recording_get_channel_data count limit
  static constexpr std::int64_t kLicenseId = 4711;

  OtiiSimBackend(OtiiSimulatorOptions options, clock::time_point now);

  std::string greeting() const;  // the information line every connection gets first
  // `line` without "\r\n"; every returned line ends "\r\n".
  std::vector<std::string> handle(std::string_view line, clock::time_point now);

  bool recording() const { return current_ && current_->running(); }
  // True once after each project_start_recording (the server arms the unplug fault then).
  bool take_recording_started();
  // The device vanished: the running recording ends where it is.
  void unplug(clock::time_point now);

 private:
  using Handler = nlohmann::json (OtiiSimBackend::*)(const nlohmann::json& data, double now);
  struct Failure {
    std::string errorcode;
    nlohmann::json data;
  };

  static const std::map<std::string, Handler>& handlers();
  double since_recording_start(clock::time_point now) const;
  void require_license() const;
  void require_device(const nlohmann::json& data) const;
  void require_project(const nlohmann::json& data) const;
  const OtiiSimRecording& recording_of(const nlohmann::json& data) const;
  static const nlohmann::json& need(const nlohmann::json& data, const char* key, const char* type);

  nlohmann::json is_logged_in(const nlohmann::json&, double);
  nlohmann::json login(const nlohmann::json& data, double);
  nlohmann::json logout(const nlohmann::json&, double);
  nlohmann::json get_licenses(const nlohmann::json&, double);
  nlohmann::json reserve_license(const nlohmann::json& data, double);
  nlohmann::json return_license(const nlohmann::json& data, double);
  nlohmann::json get_devices(const nlohmann::json& data, double);
  nlohmann::json get_active_project(const nlohmann::json&, double);
  nlohmann::json create_project(const nlohmann::json&, double);
  nlohmann::json set_main_voltage(const nlohmann::json& data, double now);
  nlohmann::json get_main_voltage(const nlohmann::json& data, double);
  nlohmann::json set_main(const nlohmann::json& data, double now);
  nlohmann::json get_main(const nlohmann::json& data, double);
  nlohmann::json enable_channel(const nlohmann::json& data, double);
  nlohmann::json set_channel_samplerate(const nlohmann::json& data, double);
  nlohmann::json get_version(const nlohmann::json& data, double);
  nlohmann::json is_connected(const nlohmann::json& data, double);
  nlohmann::json start_recording(const nlohmann::json& data, double);
  nlohmann::json stop_recording(const nlohmann::json& data, double now);
  nlohmann::json get_last_recording(const nlohmann::json& data, double);
  nlohmann::json is_running(const nlohmann::json& data, double);
  nlohmann::json channel_info(const nlohmann::json& data, double now);
  nlohmann::json channel_data_count(const nlohmann::json& data, double now);
  nlohmann::json channel_data(const nlohmann::json& data, double now);

  OtiiSimulatorOptions options_;
  bool logged_in_;
  bool license_reserved_;
  std::int64_t project_id_ = -1;  // the active project
  std::int64_t next_project_ = 1;
  bool main_on_ = false;
  double main_volts_;
  std::set<std::string> enabled_;  // channels enabled now
  std::vector<std::unique_ptr<OtiiSimRecording>> recordings_;
  OtiiSimRecording* current_ = nullptr;  // the last recording
  clock::time_point recording_started_{};
  clock::time_point now_{};  // of the request being handled
  bool started_flag_ = false;
};

}  // namespace tr::power::otii
