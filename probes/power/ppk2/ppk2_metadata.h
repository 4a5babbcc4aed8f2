// Ppk2Metadata: the PPK2's reply to GetMetadata (0x19): calibration constants per range and
// device facts, as `Key: value` lines ending `END` (power-monitors.md §1.3). Parsing applies
// the rules every client uses: a missing key takes its default, `-nan` (or any non-number)
// counts as missing, and a zero shunt resistance keeps the default ("wrong calibration values"
// on some units). Key order and decimal count vary by firmware and do not matter.
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

namespace tr::power::ppk2 {

inline constexpr int kRanges = 5;

struct Ppk2Metadata {
  // Conversion constants per range 0..4 (§1.4). Defaults: R as below, GS = GI = UG = 1, O = S =
  // I = 0.
  std::array<double, kRanges> r{1031.64, 101.65, 10.15, 0.94, 0.043};  // shunt, ohms
  std::array<double, kRanges> gs{1, 1, 1, 1, 1};
  std::array<double, kRanges> gi{1, 1, 1, 1, 1};
  std::array<double, kRanges> o{0, 0, 0, 0, 0};  // offset, ADC units (code x 4)
  std::array<double, kRanges> s{0, 0, 0, 0, 0};
  std::array<double, kRanges> i{0, 0, 0, 0, 0};
  std::array<double, kRanges> ug{1, 1, 1, 1, 1};
  double vdd_mv = 3000;  // VDD: regulator setting the device reports
  int calibrated = 0;    // `Calibrated: 0` appears even on calibrated units
  int hw = 0;            // HW
  int mode = 2;          // 1 ampere meter, 2 source meter
  double ia = 0;         // IA (newer units print 59.0)

  // Keys that took their default and why, e.g. "R4 (0 -> default)", "S2 (-nan)", "IA (missing)".
  std::vector<std::string> defaulted;
  // Lines that were not a known key (future keys, noise before the reply), for diagnostics.
  std::vector<std::string> ignored;

  // Parses the reply text (everything up to and including `END`; bytes before the first key,
  // such as a stale stream's tail, are ignored). Throws PowerError(protocol) naming `device`
  // when the text holds no known key or no END line.
  static Ppk2Metadata parse(std::string_view text, const std::string& device);
  // The real-device example of the fact sheet (HW 9173): simulators and tests use it.
  static Ppk2Metadata example();
  // The reply a device would send: all 40 keys, one per line, then `END\n`.
  std::string to_text() const;
};

}  // namespace tr::power::ppk2
