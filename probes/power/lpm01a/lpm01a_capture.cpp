#include "power/lpm01a/lpm01a_capture.h"

#include <cmath>
#include <sstream>

namespace tr::power::lpm01a {

using Kind = Lpm01aItem::Kind;

Lpm01aCapture::Lpm01aCapture(std::string monitor, double rate_hz, Output output, double volts)
    : output_(output), to_amperes_(output == Output::energy ? rate_hz / volts : 1.0) {
  trace_.monitor = std::move(monitor);
  trace_.provenance = Provenance::measured;
  trace_.rate_hz = rate_hz;
  trace_.supply_v = volts;
}

void Lpm01aCapture::add_sample(double value) {
  trace_.append(static_cast<float>(value * to_amperes_));
}

void Lpm01aCapture::add(const Lpm01aItem& item) {
  if (failed()) return;
  switch (item.kind) {
    case Kind::sample:
      add_sample(item.value);
      break;
    case Kind::lost_sample:
      // The board sent a sample here; keep the time base and let its neighbour stand in.
      ++lost_;
      trace_.append(trace_.size() > 0 ? trace_.current_a.back() : 0.0f);
      break;
    case Kind::event:
      if (last_event_ && item.number != *last_event_ + 1) ++skipped_events_;
      last_event_ = item.number;
      trace_.mark(static_cast<double>(trace_.size()) / trace_.rate_hz, true);
      break;
    case Kind::timestamp: {
      ++timestamps_;
      max_buff_ = std::max(max_buff_, item.buff);
      // The board stamps every 1000 samples at 1 kHz; compare its clock with our count.
      const double ours_ms = static_cast<double>(trace_.size()) * 1000.0 / trace_.rate_hz;
      const double period_ms = 1000.0 / trace_.rate_hz;
      if (std::abs(ours_ms - item.number) > period_ms + 1.0) {
        ++timestamp_mismatches_;
        if (!first_mismatch_) {
          std::ostringstream os;
          os << "board " << item.number << " ms vs " << trace_.size() << " samples ("
             << std::lround(ours_ms) << " ms)";
          first_mismatch_ = os.str();
        }
      }
      break;
    }
    case Kind::garbage:
      ++garbage_;
      break;
    case Kind::overcurrent:
      ++overcurrents_;
      if (!overcurrent_at_) overcurrent_at_ = trace_.size();
      break;
    case Kind::board_error:
      note("board error", item.text);
      break;
    case Kind::board_info:
      note("board info", item.text);
      break;
    default:
      break;
  }
}

void Lpm01aCapture::fail(const std::string& why) {
  if (failed()) return;
  std::ostringstream os;
  os << why << " [capture kept: " << trace_.size() << " samples, " << trace_.duration_s() << " s, "
     << trace_.markers.size() << " markers]";
  trace_.ended_by_error = os.str();
}

void Lpm01aCapture::note(const std::string& key, const std::string& value) {
  trace_.notes.emplace_back(key, value);
}

PowerTrace Lpm01aCapture::finish(std::size_t nul_bytes) {
  note("output", to_string(output_));
  if (lost_ > 0) {
    note("lost values",
         std::to_string(lost_) + " cut or garbled values, each replaced by the previous sample");
  }
  if (timestamps_ > 0 && timestamp_mismatches_ > 0) {
    note("timestamp check", std::to_string(timestamp_mismatches_) + " of " +
                                std::to_string(timestamps_) +
                                " board timestamps disagree with the sample count (samples "
                                "lost on the link?); first: " +
                                *first_mismatch_);
  }
  if (timestamps_ > 0) note("board buffer peak", std::to_string(max_buff_) + " %");
  if (skipped_events_ > 0) {
    note("event numbering",
         std::to_string(skipped_events_) + " gaps in the board's event numbers (D7 edges missed)");
  }
  if (garbage_ > 0) {
    note("bin_hexa framing", std::to_string(garbage_) + " out-of-frame bytes or broken records");
  }
  if (overcurrents_ > 0) {
    note("overcurrent", "the board reported overcurrent " + std::to_string(overcurrents_) +
                            " times, first at sample " + std::to_string(*overcurrent_at_));
  }
  if (nul_bytes > 0) note("stray NUL bytes", std::to_string(nul_bytes));
  return std::move(trace_);
}

}  // namespace tr::power::lpm01a
