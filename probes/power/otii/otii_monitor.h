// OtiiMonitor: a Qoitech Otii Arc/Ace driven through the Otii app's or otii_server's TCP JSON
// server (power-monitors.md §4). open(): connect and read the greeting; log in and reserve an
// Automation licence only if the server is not logged in; pick the device; use the active
// project (stopping a recording a crashed session left running) or create one; enable mc, mv
// and the marker GPI. start() records; while recording the new data is fetched every
// poll_interval, so an unplug mid-capture keeps what arrived. Supply control is the Arc's main
// output (arc_set_main_voltage, arc_set_main).
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "power/otii/otii_connection.h"
#include "power/otii/otii_recording_reader.h"
#include "power/power_monitor.h"

namespace tr::power::otii {

struct OtiiOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 1905;
  std::string device_id;  // "" = the only device the server lists
  // Used only when the server says it is not logged in (then an Automation licence is
  // reserved for the session and returned by close()).
  std::optional<std::string> username;
  std::optional<std::string> password;
  bool voltage = true;                // record mv for per-sample voltage
  std::string marker_channel = "i1";  // GPI wired to the runner's timestamp pin; "" = none
  std::chrono::milliseconds connect_timeout{3000};
  std::chrono::milliseconds request_timeout{5000};
  std::chrono::milliseconds data_timeout{30000};  // one recording_get_channel_data chunk
  std::chrono::milliseconds poll_interval{250};   // fetching while recording
  int device_search_s = 2;                        // otii_get_devices' own timeout
};

class OtiiMonitor final : public PowerMonitor {
 public:
  OtiiMonitor(boost::asio::any_io_executor executor, OtiiOptions options);
  // Call close() first: a capture in progress is abandoned, not stopped.
  ~OtiiMonitor() override;

  boost::asio::awaitable<void> open() override;
  boost::asio::awaitable<void> close() override;
  boost::asio::awaitable<void> start(double rate_hz = 0.0) override;
  boost::asio::awaitable<PowerTrace> stop() override;
  boost::asio::awaitable<void> set_supply(bool on, std::optional<double> volts) override;
  MonitorCapabilities capabilities() const override;
  std::string description() const override;

  const std::string& device_id() const { return device_id_; }
  std::int64_t project_id() const { return project_id_; }
  // What open() found and did, e.g. ("stale_recording", "stopped recording 3 ...").
  const std::vector<std::pair<std::string, std::string>>& session_notes() const {
    return session_notes_;
  }
  // Why the last capture ended early (disconnected, timeout...), if it did.
  std::optional<PowerErrc> capture_error() const { return capture_error_; }

 private:
  boost::asio::awaitable<nlohmann::json> call(std::string cmd, nlohmann::json data);
  boost::asio::awaitable<void> sign_in();
  boost::asio::awaitable<void> pick_device();
  boost::asio::awaitable<void> prepare_project();
  boost::asio::awaitable<void> enable_channels();
  // Asks the device for rate_hz; a note when it records at a fixed rate instead.
  boost::asio::awaitable<std::optional<std::string>> request_rate(double rate_hz);
  boost::asio::awaitable<void> poll_loop();
  boost::asio::awaitable<void> read_and_notify();
  void require_open(const char* what) const;
  void end_capture(PowerErrc code, const std::string& why);
  nlohmann::json device() const { return {{"device_id", device_id_}}; }
  nlohmann::json project() const { return {{"project_id", project_id_}}; }

  OtiiOptions options_;
  OtiiConnection connection_;
  bool open_ = false;
  std::string otii_version_;
  std::string device_id_;
  std::string device_name_;
  std::string device_type_;
  std::int64_t project_id_ = -1;
  std::optional<std::int64_t> reserved_license_;  // reserved by this session
  bool logged_in_by_us_ = false;
  double supply_v_ = 0.0;
  std::vector<std::pair<std::string, std::string>> session_notes_;

  // Capture state: the poll loop owns the connection while it runs; stop() waits for it.
  bool capturing_ = false;
  bool polling_ = false;
  bool stop_requested_ = false;
  boost::asio::steady_timer poll_timer_;
  boost::asio::steady_timer poll_done_;
  std::optional<OtiiRecordingReader> reader_;
  PowerTrace trace_;
  std::optional<PowerErrc> capture_error_;
};

}  // namespace tr::power::otii
