// Lpm01aCapture: turns the items of one PowerShield capture into a PowerTrace. Energy samples
// (joules per sample) become mean currents, J / (V * dt); each `event NN ris` becomes a marker
// at the sample position where the board put it; a cut value keeps its place in time (the
// previous sample stands in for it); TimeStamp lines cross-check the sample count. No I/O.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "power/lpm01a/lpm01a_item.h"
#include "power/lpm01a/lpm01a_settings.h"
#include "power/power_trace.h"

namespace tr::power::lpm01a {

class Lpm01aCapture {
 public:
  // `volts` is the supply the board integrates energy at (its `volt get`).
  Lpm01aCapture(std::string monitor, double rate_hz, Output output, double volts);

  // Takes one item of the capture's stream; answers and text are not its business.
  void add(const Lpm01aItem& item);
  // The capture ended early (device gone): keeps what was captured and records why.
  void fail(const std::string& why);

  const PowerTrace& trace() const { return trace_; }
  std::size_t samples() const { return trace_.size(); }
  bool failed() const { return trace_.ended_by_error.has_value(); }

  // The trace with notes on what the stream had to be forgiven (lost values, clock checks,
  // skipped events, buffer load). `nul_bytes` is the parser's count of stray NULs.
  PowerTrace finish(std::size_t nul_bytes = 0);

 private:
  void add_sample(double value);
  void note(const std::string& key, const std::string& value);

  PowerTrace trace_;
  Output output_;
  double to_amperes_;  // energy: rate / volts; current: 1
  std::size_t lost_ = 0;
  std::size_t timestamp_mismatches_ = 0;
  std::optional<std::string> first_mismatch_;
  std::size_t timestamps_ = 0;
  unsigned max_buff_ = 0;
  std::optional<std::uint32_t> last_event_;
  std::size_t skipped_events_ = 0;
  std::size_t garbage_ = 0;
  std::size_t overcurrents_ = 0;
  std::optional<std::size_t> overcurrent_at_;
};

}  // namespace tr::power::lpm01a
