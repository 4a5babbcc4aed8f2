// Ppk2Monitor's capture: start (06), decoding the stream as it arrives into the trace and its
// markers, stop (07) with the queued tail, and the notes a report carries.
#include <cmath>

#include "power/power_error.h"
#include "power/ppk2/ppk2_monitor.h"

namespace tr::power::ppk2 {
namespace asio = boost::asio;
using asio::awaitable;
using Clock = std::chrono::steady_clock;

namespace {

constexpr std::size_t kLossWarningSamples = 500;  // 5 ms: the official app logs an error here

}  // namespace

awaitable<void> Ppk2Monitor::start(double rate_hz) {
  if (!opened_) throw PowerError(PowerErrc::config, options_.port + ": start() before open()");
  if (capturing_) {
    throw PowerError(PowerErrc::config, options_.port + ": start() while a capture is running");
  }
  if (!(rate_hz >= 0.0) || rate_hz > kSampleRateHz) {
    throw PowerError(PowerErrc::config, options_.port + ": rate " + std::to_string(rate_hz) +
                                            " Hz is outside 0 (= 100 kHz) .. 100 kHz");
  }
  decimation_ = rate_hz == 0.0
                    ? 1
                    : static_cast<std::size_t>(std::max(1L, std::lround(kSampleRateHz / rate_hz)));
  trace_ = PowerTrace{};
  trace_.monitor = "ppk2 " + options_.port + " (HW " + std::to_string(metadata_->hw) + ", " +
                   (options_.mode == Ppk2Mode::source ? "source" : "ampere") + " mode)";
  trace_.provenance = Provenance::measured;
  trace_.rate_hz = kSampleRateHz / static_cast<double>(decimation_);
  trace_.supply_v = supply_volts();
  raw_index_ = 0;
  bucket_sum_ = 0.0;
  bucket_n_ = 0;
  pin_level_ = -1;
  decoder_->reset();
  decoder_->set_vdd(conversion_vdd_mv());
  port_.consume(port_.data().size());
  port_.set_on_data([this] { on_data(); });
  capturing_ = true;
  started_at_ = Clock::now();
  try {
    co_await send(start_command(), "AverageStart (06)");
  } catch (...) {
    capturing_ = false;
    port_.set_on_data(nullptr);
    throw;
  }
}

void Ppk2Monitor::on_data() {
  if (!capturing_) {
    port_.consume(port_.data().size());
    return;
  }
  scratch_.clear();
  port_.consume(decoder_->feed(port_.data(), scratch_));
  const std::size_t first_new = trace_.size();
  take(scratch_);
  if (listener_.on_samples && trace_.size() > first_new) listener_.on_samples(trace_, first_new);
  if (const auto failure = port_.failure(); failure && !trace_.ended_by_error) {
    trace_.ended_by_error = std::string(failure->what()) + " (the capture ended after " +
                            std::to_string(static_cast<double>(raw_index_) / kSampleRateHz) +
                            " s; the " + std::to_string(trace_.size()) +
                            " samples before it are kept)";
  }
}

void Ppk2Monitor::take(const std::vector<Ppk2Sample>& samples) {
  const bool per_sample_v = !trace_.voltage_v.empty();
  const auto volts = static_cast<float>(supply_volts());
  for (const Ppk2Sample& s : samples) {
    const int level = (s.logic >> options_.marker_pin) & 1;
    if (pin_level_ == 1 && level == 0) {
      // The edge lies within the 10 us before this sample: mark at the sample, raw resolution.
      trace_.mark(static_cast<double>(raw_index_) / kSampleRateHz, true);
      if (listener_.on_marker) listener_.on_marker(trace_.markers.back());
    }
    pin_level_ = level;
    bucket_sum_ += s.amps;
    if (++bucket_n_ == decimation_) {
      const auto mean = static_cast<float>(bucket_sum_ / static_cast<double>(bucket_n_));
      if (per_sample_v) {
        trace_.append(mean, volts);
      } else {
        trace_.append(mean);
      }
      bucket_sum_ = 0.0;
      bucket_n_ = 0;
    }
    ++raw_index_;
  }
}

awaitable<PowerTrace> Ppk2Monitor::stop() {
  if (!capturing_) {
    throw PowerError(PowerErrc::config,
                     options_.port + ": stop() without a running capture; call start() first");
  }
  const auto stopped_at = Clock::now();
  if (!trace_.ended_by_error) {
    try {
      co_await send(stop_command(), "AverageStop (07)");
      // 07 stops the device; what it had queued still arrives and belongs to this capture.
      co_await port_.wait_quiet(options_.stop_quiet, options_.stop_max);
    } catch (const PowerError& e) {
      if (!trace_.ended_by_error) trace_.ended_by_error = e.what();
    }
  }
  capturing_ = false;
  port_.set_on_data(nullptr);
  port_.consume(port_.data().size());
  if (raw_index_ == 0 && !trace_.ended_by_error) {
    trace_.ended_by_error = options_.port +
                            ": no samples arrived after AverageStart (06); is the PPK2's "
                            "measurement port the one opened, and its firmware current?";
  }
  const double elapsed = std::chrono::duration<double>(stopped_at - started_at_).count();
  finish_notes();
  if (elapsed > 0.5) {
    const double ratio = static_cast<double>(raw_index_) / (elapsed * kSampleRateHz);
    trace_.notes.emplace_back("ppk2.samples_vs_wall_clock", std::to_string(ratio));
    if (ratio < 0.95) {
      trace_.notes.emplace_back("ppk2.warning",
                                "the stream delivered fewer samples than the wall clock expects; "
                                "losses of whole 64-sample blocks are invisible to the counter");
    }
  }
  co_return std::move(trace_);
}

void Ppk2Monitor::finish_notes() {
  const Ppk2StreamStats& st = decoder_->stats();
  const Ppk2Metadata& m = *metadata_;
  auto note = [&](const char* key, const std::string& value) {
    trace_.notes.emplace_back(key, value);
  };
  note("ppk2.port", options_.port);
  note("ppk2.hw", std::to_string(m.hw));
  note("ppk2.calibrated", std::to_string(m.calibrated));
  note("ppk2.mode", options_.mode == Ppk2Mode::source ? "source" : "ampere");
  note("ppk2.vdd_mv", std::to_string(vdd_mv_));
  note("ppk2.marker_pin", "D" + std::to_string(options_.marker_pin));
  note("ppk2.spike_filter", options_.spike_filter ? "on" : "off");
  note("ppk2.raw_samples", std::to_string(raw_index_));
  note("ppk2.decimation", std::to_string(decimation_));
  note("ppk2.lost_samples", std::to_string(st.lost_samples));
  note("ppk2.loss_events", std::to_string(st.loss_events));
  note("ppk2.realigned_bytes", std::to_string(st.realigned_bytes));
  note("ppk2.invalid_range_words", std::to_string(st.invalid_range));
  note("ppk2.clipped_samples", std::to_string(st.clipped));
  note("ppk2.stale_bytes_drained", std::to_string(stale_bytes_));
  if (!m.defaulted.empty()) {
    std::string list;
    for (const auto& d : m.defaulted) list += (list.empty() ? "" : ", ") + d;
    note("ppk2.metadata_defaults", list);
  }
  if (st.lost_samples > kLossWarningSamples) {
    note("ppk2.data_loss", std::to_string(st.lost_samples) +
                               " samples (> 5 ms) were lost and filled with the previous value; "
                               "connect the PPK2 directly, not through a hub");
  }
}

}  // namespace tr::power::ppk2
