#include "power/tracefile/trace_text.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace tr::power::trace_text {

std::string number(double v) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.9g", v);
  return buf;
}

std::string escape(std::string_view s, bool key) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (key && c == '=') {
      out += "\\=";
    } else {
      out += c;
    }
  }
  return out;
}

std::optional<std::string> unescape(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '\\') {
      out += s[i];
      continue;
    }
    if (++i == s.size()) return std::nullopt;
    switch (s[i]) {
      case '\\':
        out += '\\';
        break;
      case 'n':
        out += '\n';
        break;
      case 'r':
        out += '\r';
        break;
      case '=':
        out += '=';
        break;
      default:
        return std::nullopt;
    }
  }
  return out;
}

std::optional<double> parse_number(std::string_view s) {
  // strtod (not from_chars) so that "inf"/"nan" parse and are then rejected as non-finite,
  // and exponents like 1e-05 work everywhere.
  if (s.empty() || s.front() == ' ') return std::nullopt;
  std::string text(s);
  char* end = nullptr;
  double v = std::strtod(text.c_str(), &end);
  if (end != text.c_str() + text.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

}  // namespace tr::power::trace_text
