// MonitorSpec: one power monitor named on a command line or in a rack file, as
// `KIND:ADDRESS[,key=value...]`, e.g. `ppk2:/dev/ttyACM0,mode=ampere,volts=1.8`. Parsing checks
// the kind, the address and every option's name and value, so a typo fails before any device
// is touched; turning a spec into a driver is the factory's job (monitor_factory.h).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tr::power {

enum class MonitorKind { ppk2, lpm01a, otii, hwmon, modelled };
const char* to_string(MonitorKind kind) noexcept;

struct MonitorSpec {
  MonitorKind kind = MonitorKind::modelled;
  // ppk2, lpm01a: serial port; otii: HOST[:PORT]; hwmon: hwmonN, a chip name or a path;
  // modelled: empty.
  std::string address;
  // Validated options, in the order written (so to_string gives the text back).
  std::vector<std::pair<std::string, std::string>> options;

  std::optional<std::string> option(std::string_view key) const;
  // The option as a number (already checked by the parser), or `fallback` when absent.
  double number(std::string_view key, double fallback) const;

  bool operator==(const MonitorSpec&) const = default;
};

// Parses `text`. PowerError(config) quoting the spec and naming the bad part for an unknown
// kind or key, a value out of range or not a number, a missing or unexpected address, a
// repeated key.
MonitorSpec parse_monitor_spec(std::string_view text);

// The spec as text; parse_monitor_spec(to_string(s)) == s.
std::string to_string(const MonitorSpec& spec);

// One line per kind with its address form and options, for --help texts and errors.
const char* monitor_spec_help() noexcept;

}  // namespace tr::power
