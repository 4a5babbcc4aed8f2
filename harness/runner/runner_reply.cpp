#include "runner/runner_reply.h"

#include <charconv>
#include <cstdlib>

namespace tr::harness {
namespace {

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

std::optional<std::string_view> bracketed(std::string_view s) {
  if (s.size() < 2 || s.front() != '[' || s.back() != ']') return std::nullopt;
  return s.substr(1, s.size() - 2);
}

}  // namespace

std::vector<std::string> split_fields(std::string_view s, char sep) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= s.size()) {
    size_t end = s.find(sep, start);
    if (end == std::string_view::npos) end = s.size();
    out.emplace_back(s.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

std::optional<std::pair<std::string, std::string>> parse_tr_line(std::string_view line) {
  constexpr std::string_view kPrefix = "m-tr-";
  if (!starts_with(line, kPrefix)) return std::nullopt;
  std::string_view rest = line.substr(kPrefix.size());
  size_t dash = rest.find("-[");
  if (dash == std::string_view::npos || dash == 0) return std::nullopt;
  std::string_view key = rest.substr(0, dash);
  for (char c : key) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    if (!ok) return std::nullopt;
  }
  auto value = bracketed(rest.substr(dash + 1));
  if (!value) return std::nullopt;
  return std::make_pair(std::string(key), std::string(*value));
}

std::optional<uint64_t> parse_lap_us(std::string_view line) {
  constexpr std::string_view kPrefix = "m-lap-us-";
  if (!starts_with(line, kPrefix)) return std::nullopt;
  std::string_view digits = line.substr(kPrefix.size());
  uint64_t v = 0;
  auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), v);
  if (ec != std::errc() || ptr != digits.data() + digits.size() || digits.empty()) {
    return std::nullopt;
  }
  return v;
}

namespace {

// Digits after the decimal point, or -1 when the field has no point.
int decimals(const std::string& field) {
  size_t dot = field.find('.');
  return dot == std::string::npos ? -1 : static_cast<int>(field.size() - dot - 1);
}

// The KWS reference prints "0." + int(v*10) + two more digits, so 1.0 comes out as "0.1000"
// (facts/dut-protocol.md §3.1). Such a field is "0.10dd" among fields of 3 decimals.
bool kws_one(const std::string& field, int line_decimals) {
  return line_decimals == 3 && field.size() == 6 && field.rfind("0.10", 0) == 0 &&
         decimals(field) == 4;
}

}  // namespace

std::optional<std::vector<double>> parse_results_line(std::string_view line) {
  constexpr std::string_view kPrefix = "m-results-";
  if (!starts_with(line, kPrefix)) return std::nullopt;
  auto body = bracketed(line.substr(kPrefix.size()));
  if (!body) return std::nullopt;
  std::vector<std::string> fields;
  for (std::string& field : split_fields(*body)) {
    if (!field.empty()) fields.push_back(std::move(field));  // VWW prints a trailing comma
  }
  // The precision of the line: what most fields use (the KWS bug makes at most one differ).
  int line_decimals = fields.empty() ? -1 : decimals(fields.front());
  if (fields.size() > 1 && decimals(fields[0]) != decimals(fields[1])) {
    line_decimals = decimals(fields.back());
  }
  std::vector<double> values;
  for (const std::string& field : fields) {
    char* end = nullptr;
    double v = std::strtod(field.c_str(), &end);
    if (end == field.c_str() || *end != '\0') return std::nullopt;
    if (kws_one(field, line_decimals)) v = 1.0 + std::strtod(field.c_str() + 4, nullptr) / 1000.0;
    values.push_back(v);
  }
  return values;
}

std::optional<std::string> RunnerReply::error() const {
  for (const std::string& line : lines) {
    if (!starts_with(line, "e-")) continue;
    if (auto inner = bracketed(std::string_view(line).substr(2))) return std::string(*inner);
    return line;
  }
  return std::nullopt;
}

std::optional<std::string> RunnerReply::tr_value(std::string_view key) const {
  for (const std::string& line : lines) {
    auto kv = parse_tr_line(line);
    if (kv && kv->first == key) return kv->second;
  }
  return std::nullopt;
}

std::vector<uint64_t> RunnerReply::laps_us() const {
  std::vector<uint64_t> out;
  for (const std::string& line : lines) {
    if (auto v = parse_lap_us(line)) out.push_back(*v);
  }
  return out;
}

std::optional<std::vector<double>> RunnerReply::results() const {
  for (const std::string& line : lines) {
    if (auto r = parse_results_line(line)) return r;
  }
  return std::nullopt;
}

bool RunnerReply::has_line(std::string_view wanted) const {
  for (const std::string& line : lines) {
    if (line == wanted) return true;
  }
  return false;
}

}  // namespace tr::harness
