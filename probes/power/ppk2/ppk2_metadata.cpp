#include "power/ppk2/ppk2_metadata.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <optional>

#include "power/power_error.h"

namespace tr::power::ppk2 {
namespace {

// A value that is a finite number and nothing else; -nan, nan, inf and garbage are not.
std::optional<double> number(std::string_view text) {
  std::string s(text);
  while (!s.empty() && (s.back() == '\r' || s.back() == ' ' || s.back() == '\t')) s.pop_back();
  std::size_t start = s.find_first_not_of(" \t");
  if (start == std::string::npos) return std::nullopt;
  s.erase(0, start);
  char* end = nullptr;
  const double v = std::strtod(s.c_str(), &end);
  if (end == s.c_str() || *end != '\0' || !std::isfinite(v)) return std::nullopt;
  return v;
}

std::string trimmed(std::string_view text) {
  const auto b = text.find_first_not_of(" \t");
  if (b == std::string_view::npos) return "empty";
  const auto e = text.find_last_not_of(" \t\r");
  return std::string(text.substr(b, e - b + 1));
}

bool printable(std::string_view line) {
  for (char c : line) {
    const auto u = static_cast<unsigned char>(c);
    if ((u < 0x20 && c != '\r' && c != '\t') || u >= 0x7F) return false;
  }
  return true;
}

// The per-range array a key like "GS3" names, or nullptr.
std::array<double, kRanges>* range_array(Ppk2Metadata& m, std::string_view prefix) {
  if (prefix == "R") return &m.r;
  if (prefix == "GS") return &m.gs;
  if (prefix == "GI") return &m.gi;
  if (prefix == "O") return &m.o;
  if (prefix == "S") return &m.s;
  if (prefix == "I") return &m.i;
  if (prefix == "UG") return &m.ug;
  return nullptr;
}

}  // namespace

Ppk2Metadata Ppk2Metadata::parse(std::string_view text, const std::string& device) {
  Ppk2Metadata m;
  std::vector<std::string> seen;
  bool has_end = false;
  std::size_t pos = 0;
  while (pos < text.size() && !has_end) {
    std::size_t nl = text.find('\n', pos);
    std::string_view line = text.substr(pos, nl == std::string_view::npos ? nl : nl - pos);
    pos = nl == std::string_view::npos ? text.size() : nl + 1;
    while (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line == "END") {
      has_end = true;
      break;
    }
    const auto colon = line.find(':');
    if (colon == std::string_view::npos || !printable(line)) {
      if (!line.empty() && printable(line)) m.ignored.emplace_back(line);
      continue;
    }
    const std::string key(line.substr(0, colon));
    const std::string_view value = line.substr(colon + 1);
    const auto v = number(value);
    bool known = true;
    const auto digit = key.find_first_of("0123456789");
    auto* array = digit != std::string::npos && digit + 1 == key.size()
                      ? range_array(m, std::string_view(key).substr(0, digit))
                      : nullptr;
    if (array != nullptr) {
      const int r = key[digit] - '0';
      if (r >= kRanges) {
        known = false;
      } else if (!v) {
        m.defaulted.push_back(key + " (" + trimmed(value) + ")");
      } else if (array == &m.r && *v == 0.0) {
        m.defaulted.push_back(key + " (0 -> default)");
      } else {
        (*array)[static_cast<std::size_t>(r)] = *v;
      }
    } else if (key == "VDD" || key == "HW" || key == "mode" || key == "IA" || key == "Calibrated") {
      if (!v) {
        m.defaulted.push_back(key + " (not a number)");
      } else if (key == "VDD") {
        m.vdd_mv = *v;
      } else if (key == "HW") {
        m.hw = static_cast<int>(*v);
      } else if (key == "mode") {
        m.mode = static_cast<int>(*v);
      } else if (key == "IA") {
        m.ia = *v;
      } else {
        m.calibrated = static_cast<int>(*v);
      }
    } else {
      known = false;
    }
    if (known) {
      seen.push_back(key);
    } else {
      m.ignored.emplace_back(line);
    }
  }
  if (seen.empty()) {
    throw PowerError(PowerErrc::protocol,
                     device + ": the metadata reply to 0x19 holds no calibration key (" +
                         std::to_string(text.size()) +
                         " bytes); is this the PPK2's measurement port (the lower-numbered of "
                         "its two serial ports)?");
  }
  if (!has_end) {
    throw PowerError(PowerErrc::protocol, device + ": the metadata reply to 0x19 has no END line");
  }
  // Keys never sent keep their defaults; say so, as the calibration may be incomplete.
  static const char* const kPrefixes[] = {"R", "GS", "GI", "O", "S", "I", "UG"};
  for (const char* p : kPrefixes) {
    for (int r = 0; r < kRanges; ++r) {
      const std::string key = std::string(p) + std::to_string(r);
      bool found = false;
      for (const auto& k : seen) found = found || k == key;
      if (!found) m.defaulted.push_back(key + " (missing)");
    }
  }
  for (const char* k : {"VDD", "HW", "mode", "IA", "Calibrated"}) {
    bool found = false;
    for (const auto& s : seen) found = found || s == k;
    if (!found) m.defaulted.push_back(std::string(k) + " (missing)");
  }
  return m;
}

Ppk2Metadata Ppk2Metadata::example() {
  Ppk2Metadata m;
  m.calibrated = 0;
  m.r = {1003.3506, 101.5865, 10.3027, 0.9636, 0.0564};
  m.gs = {0.0000, 112.7890, 18.0115, 2.4217, 0.0729};
  m.gi = {1.0000, 0.9695, 0.9609, 0.9519, 0.9582};
  m.o = {112.9420, 75.4627, 64.6020, 50.4983, 87.2177};
  m.vdd_mv = 3000;
  m.hw = 9173;
  m.mode = 2;
  m.s = {0.000000048, 0.000000596, 0.000005281, 0.000062577, 0.002940743};
  m.i = {-0.000000104, -0.000001443, 0.000036439, -0.000374119, -0.009388455};
  m.ug = {1.00, 1.00, 1.00, 1.00, 1.00};
  m.ia = 56;
  return m;
}

std::string Ppk2Metadata::to_text() const {
  std::string out;
  char buf[64];
  auto line = [&](const std::string& key, const char* fmt, double v) {
    std::snprintf(buf, sizeof buf, fmt, v);
    out += key + ": " + buf + "\n";
  };
  auto ranges = [&](const char* key, const char* fmt, const std::array<double, kRanges>& a) {
    for (std::size_t k = 0; k < a.size(); ++k) line(key + std::to_string(k), fmt, a[k]);
  };
  line("Calibrated", "%.0f", calibrated);
  ranges("R", "%.4f", r);
  ranges("GS", "%.4f", gs);
  ranges("GI", "%.4f", gi);
  ranges("O", "%.4f", o);
  line("VDD", "%.0f", vdd_mv);
  line("HW", "%.0f", hw);
  line("mode", "%.0f", mode);
  ranges("S", "%.9f", s);
  ranges("I", "%.9f", i);
  ranges("UG", "%.2f", ug);
  line("IA", "%.0f", ia);
  return out + "END\n";
}

}  // namespace tr::power::ppk2
