// Lpm01aDevice: the acquisition stream. Samples are due at k / freq after `start`; each holds
// the mean of the waveform over its interval (current) or its integral times the supply
// (energy), so a driver that reads them all recovers the waveform's energy exactly, up to the
// board's 4-digit rounding.
#include <cmath>
#include <cstdio>

#include "power/lpm01a/lpm01a_bin_hexa.h"
#include "power/lpm01a/lpm01a_device.h"
#include "power/lpm01a/lpm01a_number.h"

namespace tr::power::lpm01a {
namespace {

constexpr double kEdgeSlack = 1e-9;  // a marker at k/freq belongs to sample k despite rounding

void put_u16(std::string& out, std::uint32_t v) {
  out.push_back(static_cast<char>((v >> 8) & 0xFF));
  out.push_back(static_cast<char>(v & 0xFF));
}

}  // namespace

std::string Lpm01aDevice::start(std::string_view line, double now_s) {
  if (auto why = capture_refusal(freq_, output_, format_, acqtime_s_)) {
    return error(line, *why);
  }
  acquiring_ = true;
  t0_ = now_s;
  sent_ = 0;
  values_ = 0;
  events_sent_ = 0;
  markers_.clear();
  marker_horizon_ = 0.0;
  return ack(line);
}

std::string Lpm01aDevice::finish() {
  acquiring_ = false;
  if (!power_end_on_ && power_ != Power::automatic) power_ = Power::off;
  std::string out;
  if (format_ == Format::bin_hexa) out += std::string("\xF0\xF4\xFF\xFF", 4);
  return out + "PowerShield > Acquisition completed\r\n";
}

double Lpm01aDevice::next_marker() {
  while (markers_.empty()) {
    for (double t : config_.waveform.marker_times(marker_horizon_, marker_horizon_ + 1.0)) {
      markers_.push_back(t);
    }
    marker_horizon_ += 1.0;
  }
  return markers_.front();
}

std::string Lpm01aDevice::stream(double now_s) {
  if (!acquiring_) return {};
  std::size_t due = static_cast<std::size_t>(std::floor((now_s - t0_) * freq_));
  bool ends = false;
  if (!std::isinf(acqtime_s_)) {
    const auto total = static_cast<std::size_t>(std::llround(acqtime_s_ * freq_));
    if (due >= total) {
      due = total;
      ends = true;
    }
  }
  std::string out;
  for (std::size_t k = sent_; k < due; ++k) {
    // D7 falling edges before this sample starts ("event NN ris", sample position).
    while (next_marker() <= static_cast<double>(k) / freq_ + kEdgeSlack) {
      if (events_ && format_ == Format::ascii_dec) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "event %02u ris\r\n", events_sent_++);
        out += buf;
      }
      markers_.pop_front();
    }
    emit_sample(k, out);
    sent_ = k + 1;
    if (sent_ % 1000 == 0) emit_timestamp(out);
  }
  if (ends) out += finish();
  return out;
}

void Lpm01aDevice::emit_sample(std::size_t k, std::string& out) {
  const double t0 = static_cast<double>(k) / freq_;
  const double t1 = static_cast<double>(k + 1) / freq_;
  const double amps = supply_on() ? config_.waveform.mean_current(t0, t1) : 0.0;
  if (format_ == Format::bin_hexa) {
    put_u16(out, bin_hexa_word(amps));
    return;
  }
  const double value = output_ == Output::energy ? amps * volts_ * (t1 - t0) : amps;
  std::string text = format_sample(value);
  ++values_;
  const auto& f = config_.faults;
  if (f.cut_every > 0 && values_ % f.cut_every == 0) text.pop_back();
  bool glue = f.glue_every > 0 && values_ % f.glue_every == 0;
  out += text;
  if (!glue) out += "\r\n";
}

void Lpm01aDevice::emit_timestamp(std::string& out) const {
  const auto ms =
      static_cast<std::uint32_t>(std::llround(static_cast<double>(sent_) * 1000.0 / freq_));
  const unsigned buff = 0;  // the simulated board never falls behind
  if (format_ == Format::bin_hexa) {
    out += std::string("\xF0\xF3", 2);
    put_u16(out, ms >> 16);
    put_u16(out, ms & 0xFFFF);
    out.push_back(static_cast<char>(buff));
    out += std::string("\xFF\xFF", 2);
    if (config_.faults.info_records) {
      out += std::string("\xF0\xF2", 2) + "simulated" + std::string("\xFF\xFF", 2);
    }
    return;
  }
  char buf[64];
  std::snprintf(buf, sizeof buf, "TimeStamp: %03us %03ums, buff %02u%%\r\n", ms / 1000, ms % 1000,
                buff);
  out += buf;
  if (config_.faults.nul_after_timestamp) out.push_back('\0');
}

}  // namespace tr::power::lpm01a
