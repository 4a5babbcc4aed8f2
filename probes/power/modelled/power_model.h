// PowerModel: the figures the modelled monitor needs to turn emulated instruction counts into
// current over time (facts/power-profiles.md §4): cycles = instructions x CPI, t = cycles / f,
// active current I_run(f) x k while the runner computes, sleep (WFI) current while it waits.
// The harness fills it from a target file's power profile; the citation travels in `source`.
#pragma once

#include <optional>
#include <string>

namespace tr::power {

struct PowerModel {
  std::string part;    // the real part whose figures these are, e.g. "nRF52840"
  std::string source;  // document, tables and tag, for the trace's notes and reports
  double clock_hz = 0.0;
  double supply_v = 0.0;
  double run_current_a = 0.0;    // running at clock_hz (datasheet figure, before k)
  double sleep_current_a = 0.0;  // Sleep / WFI at clock_hz
  double cycles_per_instruction = 1.0;
  std::string cpi_basis;           // why that CPI (it is an assumption, not a datasheet figure)
  double calibration_k = 1.0;      // applied to run_current_a; 1.0 unless calibrated
  std::optional<double> band_pct;  // +- uncertainty of second-hand figures

  double active_current_a() const noexcept { return run_current_a * calibration_k; }
  // Modelled time of `instructions` at the part's clock.
  double seconds_for(double instructions) const noexcept {
    return instructions * cycles_per_instruction / clock_hz;
  }
  // Throws PowerError(config) naming the field that is missing, zero or out of range.
  void validate() const;
};

}  // namespace tr::power
