// OtiiRecordingReader: copies one Otii recording into a PowerTrace while it grows. Main current
// (mc) and, optionally, main voltage (mv) become uniform samples; the GPI channel's falling
// edges become markers (the runner's timestamp pin idles high and pulses low). Values are
// fetched with recording_get_channel_data in chunks of at most kMaxChunk, as the official
// client does.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "power/otii/otii_connection.h"
#include "power/power_trace.h"

namespace tr::power::otii {

struct OtiiRecordingChannels {
  bool voltage = true;                // read mv per sample
  std::string marker_channel = "i1";  // GPI channel with the timestamp edges; "" = none
};

class OtiiRecordingReader {
 public:
  static constexpr std::int64_t kMaxChunk = 40000;

  OtiiRecordingReader(OtiiConnection& connection, std::string device_id, std::int64_t recording_id,
                      OtiiRecordingChannels channels, OtiiConnection::duration timeout);

  // Reads mc's sample rate (recording_get_channel_info) into trace.rate_hz.
  boost::asio::awaitable<void> begin(PowerTrace& trace);
  // Appends everything the recording holds beyond what was read before (samples, then the
  // edges up to the last sample read); returns the number of new samples.
  boost::asio::awaitable<std::size_t> read_new(PowerTrace& trace);

 private:
  boost::asio::awaitable<std::int64_t> count(std::string channel);
  boost::asio::awaitable<nlohmann::json> chunk(std::string channel, std::int64_t index,
                                               std::int64_t n);
  boost::asio::awaitable<void> read_samples(PowerTrace& trace, std::int64_t n);
  boost::asio::awaitable<void> read_edges(PowerTrace& trace);
  nlohmann::json request_data(const std::string& channel) const;
  std::string context(const std::string& cmd) const;

  OtiiConnection& connection_;
  std::string device_id_;
  std::int64_t recording_id_;
  OtiiRecordingChannels channels_;
  OtiiConnection::duration timeout_;
  double rate_hz_ = 0.0;
  std::optional<double> t0_;  // timestamp of sample 0 on the server's clock
  std::int64_t samples_read_ = 0;
  std::int64_t edges_read_ = 0;
  std::optional<bool> level_;  // last known GPI level
};

}  // namespace tr::power::otii
