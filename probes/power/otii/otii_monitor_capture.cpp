// OtiiMonitor's capture: start and stop a recording, and fetch its data while it runs.
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "power/otii/otii_monitor.h"

namespace tr::power::otii {
namespace asio = boost::asio;
using asio::awaitable;
using nlohmann::json;

awaitable<void> OtiiMonitor::start(double rate_hz) {
  require_open("start()");
  if (capturing_) {
    throw PowerError(PowerErrc::config,
                     "start() on " + description() + " while a capture runs; stop() it first");
  }
  std::optional<std::string> rate_note;
  if (rate_hz > 0.0) rate_note = co_await request_rate(rate_hz);
  co_await call("project_start_recording", project());
  json last = co_await call("project_get_last_recording", project());
  const std::int64_t recording = otii_int(
      last, "recording_id", "the " + connection_.where() + "'s project_get_last_recording");
  if (recording == -1) {
    throw PowerError(PowerErrc::protocol,
                     "the " + connection_.where() + " started recording but lists no recording");
  }

  trace_ = PowerTrace{};
  trace_.monitor = description();
  trace_.provenance = Provenance::measured;
  trace_.supply_v = supply_v_;
  trace_.notes = session_notes_;
  trace_.notes.emplace_back("device", device_type_ + " '" + device_name_ + "' " + device_id_);
  trace_.notes.emplace_back("recording_id", std::to_string(recording));
  if (rate_note) trace_.notes.emplace_back("rate", *rate_note);
  reader_.emplace(connection_, device_id_, recording,
                  OtiiRecordingChannels{options_.voltage, options_.marker_channel},
                  options_.data_timeout);
  std::exception_ptr failed;
  try {
    co_await reader_->begin(trace_);
  } catch (...) {
    failed = std::current_exception();
  }
  if (failed) {
    // Do not leave the recording growing on the server; the error is what the caller needs.
    reader_.reset();
    if (connection_.usable()) {
      try {
        co_await call("project_stop_recording", project());
      } catch (const PowerError&) {
        // Reported below is the first failure, not this one.
      }
    }
    std::rethrow_exception(failed);
  }

  capture_error_.reset();
  capturing_ = true;
  stop_requested_ = false;
  polling_ = true;
  asio::co_spawn(poll_timer_.get_executor(), poll_loop(), [this](std::exception_ptr) {
    polling_ = false;
    poll_done_.cancel();
  });
}

awaitable<std::optional<std::string>> OtiiMonitor::request_rate(double rate_hz) {
  const int value = static_cast<int>(rate_hz + 0.5);
  const std::vector<std::string> channels = {"mc", "mv"};
  try {
    for (const std::string& channel : channels) {
      json rate = device();
      rate["channel"] = channel;
      rate["value"] = value;
      co_await call("arc_set_channel_samplerate", std::move(rate));
    }
  } catch (const OtiiCommandError& e) {
    // The Arc records at a fixed rate (the Ace can change it): keep going at the device's rate.
    if (e.errorcode() != "Command not valid for device type" &&
        e.errorcode() != "Operation not supported") {
      throw;
    }
    co_return std::to_string(value) + " Hz requested; not settable on this " + device_type_ +
        ", which records at its own rate";
  }
  co_return std::nullopt;
}

awaitable<void> OtiiMonitor::poll_loop() {
  while (!stop_requested_) {
    poll_timer_.expires_after(options_.poll_interval);
    co_await poll_timer_.async_wait(asio::as_tuple(asio::use_awaitable));
    if (stop_requested_) break;
    try {
      co_await read_and_notify();
    } catch (const PowerError& e) {
      // Keep what arrived; stop() returns it with the reason (unplugged, server gone...).
      end_capture(e.code(), e.what());
      co_return;
    } catch (const std::exception& e) {
      end_capture(PowerErrc::protocol, e.what());
      co_return;
    }
  }
}

awaitable<void> OtiiMonitor::read_and_notify() {
  const std::size_t first_new = trace_.size();
  const std::size_t first_marker = trace_.markers.size();
  const std::size_t fresh = co_await reader_->read_new(trace_);
  if (listener_.on_samples && fresh > 0) listener_.on_samples(trace_, first_new);
  if (listener_.on_marker) {
    for (std::size_t i = first_marker; i < trace_.markers.size(); ++i) {
      listener_.on_marker(trace_.markers[i]);
    }
  }
}

void OtiiMonitor::end_capture(PowerErrc code, const std::string& why) {
  capture_error_ = code;
  trace_.ended_by_error = why;
}

awaitable<PowerTrace> OtiiMonitor::stop() {
  if (!capturing_) {
    throw PowerError(PowerErrc::config,
                     "stop() on " + description() + " without a capture; call start() first");
  }
  stop_requested_ = true;
  poll_timer_.cancel();
  if (polling_) {
    poll_done_.expires_at(asio::steady_timer::time_point::max());
    co_await poll_done_.async_wait(asio::as_tuple(asio::use_awaitable));
  }
  capturing_ = false;
  if (!trace_.ended_by_error) {
    try {
      co_await call("project_stop_recording", project());
      co_await read_and_notify();  // the counts are final once the recording stopped
    } catch (const PowerError& e) {
      end_capture(e.code(), e.what());
    } catch (const std::exception& e) {
      end_capture(PowerErrc::protocol, e.what());
    }
  }
  reader_.reset();
  co_return std::move(trace_);
}

}  // namespace tr::power::otii
