#include "power/otii/otii_recording_reader.h"

#include <algorithm>
#include <cmath>

namespace tr::power::otii {
namespace asio = boost::asio;
using asio::awaitable;
using nlohmann::json;

OtiiRecordingReader::OtiiRecordingReader(OtiiConnection& connection, std::string device_id,
                                         std::int64_t recording_id, OtiiRecordingChannels channels,
                                         OtiiConnection::duration timeout)
    : connection_(connection),
      device_id_(std::move(device_id)),
      recording_id_(recording_id),
      channels_(std::move(channels)),
      timeout_(timeout) {}

json OtiiRecordingReader::request_data(const std::string& channel) const {
  return {{"device_id", device_id_}, {"recording_id", recording_id_}, {"channel", channel}};
}

std::string OtiiRecordingReader::context(const std::string& cmd) const {
  return "the " + connection_.where() + "'s " + cmd;
}

awaitable<void> OtiiRecordingReader::begin(PowerTrace& trace) {
  const std::string cmd = "recording_get_channel_info";
  json info = co_await connection_.request(cmd, request_data("mc"), timeout_);
  rate_hz_ = otii_number(info, "sample_rate", context(cmd));
  if (!(rate_hz_ > 0.0) || !std::isfinite(rate_hz_)) {
    throw PowerError(PowerErrc::protocol,
                     context(cmd) + " gave sample_rate " + std::to_string(rate_hz_) + " for mc");
  }
  trace.rate_hz = rate_hz_;
}

awaitable<std::int64_t> OtiiRecordingReader::count(std::string channel) {
  const std::string cmd = "recording_get_channel_data_count";
  json data = co_await connection_.request(cmd, request_data(channel), timeout_);
  std::int64_t n = otii_int(data, "count", context(cmd));
  if (n < 0) throw PowerError(PowerErrc::protocol, context(cmd) + " gave a negative count");
  co_return n;
}

awaitable<json> OtiiRecordingReader::chunk(std::string channel, std::int64_t index,
                                           std::int64_t n) {
  const std::string cmd = "recording_get_channel_data";
  json request = request_data(channel);
  request["index"] = index;
  request["count"] = n;
  json data = co_await connection_.request(cmd, std::move(request), timeout_);
  const std::string where = context(cmd) + " (" + channel + ")";
  const json& values = otii_field(data, "values", json::value_t::array, where);
  if (static_cast<std::int64_t>(values.size()) != n) {
    throw PowerError(PowerErrc::protocol, where + " returned " + std::to_string(values.size()) +
                                              " values for count " + std::to_string(n));
  }
  co_return data;
}

awaitable<std::size_t> OtiiRecordingReader::read_new(PowerTrace& trace) {
  std::int64_t available = co_await count("mc");
  if (channels_.voltage) available = std::min(available, co_await count("mv"));
  const std::int64_t fresh = std::max<std::int64_t>(0, available - samples_read_);
  if (fresh > 0) co_await read_samples(trace, fresh);
  if (!channels_.marker_channel.empty() && t0_) co_await read_edges(trace);
  co_return static_cast<std::size_t>(fresh);
}

awaitable<void> OtiiRecordingReader::read_samples(PowerTrace& trace, std::int64_t n) {
  while (n > 0) {
    const std::int64_t take = std::min(n, kMaxChunk);
    json mc = co_await chunk("mc", samples_read_, take);
    json mv;
    if (channels_.voltage) mv = co_await chunk("mv", samples_read_, take);
    const std::string where = context("recording_get_channel_data") + " (mc)";
    const double first = otii_number(mc, "timestamp", where);
    const double interval = otii_number(mc, "interval", where);
    if (std::abs(interval * rate_hz_ - 1.0) > 0.01) {
      throw PowerError(PowerErrc::protocol,
                       where + " has interval " + std::to_string(interval) +
                           " s, not 1/sample_rate = " + std::to_string(1.0 / rate_hz_) + " s");
    }
    if (!t0_) t0_ = first - static_cast<double>(samples_read_) / rate_hz_;
    const json& currents = mc["values"];
    for (std::int64_t k = 0; k < take; ++k) {
      const json& a = currents[static_cast<std::size_t>(k)];
      if (!a.is_number()) {
        throw PowerError(PowerErrc::protocol, where + " value " + a.dump() + " is not a number");
      }
      std::optional<float> volts;
      if (channels_.voltage) {
        const json& v = mv["values"][static_cast<std::size_t>(k)];
        if (!v.is_number()) {
          throw PowerError(PowerErrc::protocol, context("recording_get_channel_data") +
                                                    " (mv) value " + v.dump() + " is not a number");
        }
        volts = v.get<float>();
      }
      trace.append(a.get<float>(), volts);
    }
    samples_read_ += take;
    n -= take;
  }
}

awaitable<void> OtiiRecordingReader::read_edges(PowerTrace& trace) {
  const std::string& channel = channels_.marker_channel;
  const std::string where = context("recording_get_channel_data") + " (" + channel + ")";
  // Only edges up to the last sample read, so markers never run ahead of the samples.
  const double horizon = *t0_ + static_cast<double>(samples_read_) / rate_hz_;
  std::int64_t available = co_await count(channel);
  while (edges_read_ < available) {
    const std::int64_t take = std::min(available - edges_read_, kMaxChunk);
    json data = co_await chunk(channel, edges_read_, take);
    for (const json& entry : data["values"]) {
      const double t = otii_number(entry, "timestamp", where);
      const bool high = otii_bool(entry, "value", where);
      if (t > horizon) co_return;  // read again once the samples have caught up
      // The first entry may be the level at the start (not an edge); a falling edge is a
      // high -> low change, or a low entry after the recording started.
      const bool falling = !high && (level_ ? *level_ : t > *t0_);
      if (falling) trace.mark(t - *t0_, true);
      level_ = high;
      ++edges_read_;
    }
  }
}

}  // namespace tr::power::otii
