// A target's power profile ("power" in targets/<name>.json): the current figures of one real
// part of the target's core class, with the document and tables they come from, which the
// modelled power monitor applies to emulated instruction counts (facts/power-profiles.md).
// A target whose class has no published figures says why instead, and its energy is reported
// as unavailable: a figure is never invented.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/json_node.h"

namespace tr::config {

// DS: read in the manufacturer's datasheet; 2nd: quoted by a third party and not checked
// against it (reports give such figures a +- band).
enum class SourceTag { datasheet, second_hand };
std::string_view to_string(SourceTag);  // "DS" | "2nd"

// Current against core clock: datasheet table points, interpolated linearly between them and
// never extrapolated, or a linear fit offset + slope per MHz (keeping the offset).
struct CurrentCurve {
  struct Point {
    std::uint64_t hz = 0;
    double amps = 0.0;
  };
  std::vector<Point> points;  // ascending hz; empty = the linear fit below
  double offset_amps = 0.0;
  double per_mhz_amps = 0.0;

  // The current at `hz`; callers stay within the points (parse_power checks the clock).
  double at(std::uint64_t hz) const;
};

struct PowerProfile {
  std::string part;                 // e.g. "STM32H743 (silicon revision V)"
  std::string document;             // e.g. "ST DS12110 Rev 10 (Mar 2023), section 7.3.6"
  std::vector<std::string> tables;  // the tables the figures come from
  SourceTag tag = SourceTag::datasheet;
  std::string conditions;  // supply, regulator, code location, temperature, caveats
  double supply_v = 0.0;
  std::uint64_t clock_hz = 0;  // the part's clock the figures are taken at
  CurrentCurve run_current;
  CurrentCurve sleep_current;      // Sleep / WFI, peripherals off
  double calibration_k = 1.0;      // applied to the run current (power-profiles.md §4.4)
  std::optional<double> band_pct;  // required for 2nd-hand figures

  double run_current_a() const { return run_current.at(clock_hz); }
  double sleep_current_a() const { return sleep_current.at(clock_hz); }
  // "part, document, tables [DS]" or "... [2nd, +-30 %]"; what reports cite.
  std::string citation() const;
};

// A profile, or the reason there is none (from the file or because "power" is absent).
struct PowerSpec {
  std::optional<PowerProfile> profile;
  std::string unavailable_reason;
};

// Parses the "power" value of a target file (`node` absent: no profile, with a reason naming
// `file`). Throws ConfigError naming the file and JSON pointer of anything wrong.
PowerSpec parse_power(const std::optional<JsonNode>& node, const std::string& file);

}  // namespace tr::config
