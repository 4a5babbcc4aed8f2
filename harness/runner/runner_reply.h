// One reply of the runner: the lines it printed for a command, up to (not including) m-ready,
// and typed accessors for the line forms of docs/protocol.md.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tr::harness {

struct RunnerReply {
  std::vector<std::string> lines;

  // The text inside the first `e-[...]` line (or the whole line if it is not bracketed).
  std::optional<std::string> error() const;
  // The value of `m-tr-<key>-[<value>]`.
  std::optional<std::string> tr_value(std::string_view key) const;
  // Every `m-lap-us-<N>` value, in order.
  std::vector<uint64_t> laps_us() const;
  // The values of the `m-results-[...]` line (empty fields skipped).
  std::optional<std::vector<double>> results() const;
  bool has_line(std::string_view line) const;
};

// Line-level parsers, exposed for tests. parse_results_line tolerates the reference firmware's
// bugs: a trailing comma (VWW) and 1.0 printed as "0.1000" among 3-decimal fields (KWS).
std::optional<std::pair<std::string, std::string>> parse_tr_line(std::string_view line);
std::optional<uint64_t> parse_lap_us(std::string_view line);
std::optional<std::vector<double>> parse_results_line(std::string_view line);
// "a,b,c" -> {"a","b","c"}
std::vector<std::string> split_fields(std::string_view s, char sep = ',');

}  // namespace tr::harness
