#include "power/lpm01a/lpm01a_number.h"

#include <cctype>
#include <cmath>
#include <cstdio>

namespace tr::power::lpm01a {
namespace {

// What a sample can hold: the board measures up to 200 mA, and its largest energy sample
// (3.3 V, 200 mA, 1 Hz) is 0.66 J, so 1 A or 1 J and above is a corrupted value (a cut value
// glued to the next one: "6409-0" + "10-07"). The smallest, 1 nA at 1.8 V and 10 kHz, is 1.8e-13.
constexpr int kMinExponent = -24;
constexpr double kMaxValue = 1.0;

bool digit(char c) {
  return std::isdigit(static_cast<unsigned char>(c)) != 0;
}

}  // namespace

std::optional<double> parse_number(std::string_view text) {
  if (text == "inf") return INFINITY;
  std::size_t i = 0;
  double mantissa = 0.0;
  bool any = false;
  while (i < text.size() && digit(text[i])) {
    mantissa = mantissa * 10.0 + (text[i] - '0');
    any = true;
    ++i;
  }
  if (i < text.size() && text[i] == '.') {
    ++i;
    double scale = 0.1;
    while (i < text.size() && digit(text[i])) {
      mantissa += (text[i] - '0') * scale;
      scale /= 10.0;
      any = true;
      ++i;
    }
  }
  if (!any) return std::nullopt;
  std::string_view suffix = text.substr(i);
  if (suffix.empty()) return mantissa;
  if (suffix == "n") return mantissa * 1e-9;
  if (suffix == "u") return mantissa * 1e-6;
  if (suffix == "m") return mantissa * 1e-3;
  if (suffix == "k") return mantissa * 1e3;
  if ((suffix[0] == '-' || suffix[0] == '+') && suffix.size() >= 2 && suffix.size() <= 3) {
    int exponent = 0;
    for (std::size_t k = 1; k < suffix.size(); ++k) {
      if (!digit(suffix[k])) return std::nullopt;
      exponent = exponent * 10 + (suffix[k] - '0');
    }
    return mantissa * std::pow(10.0, suffix[0] == '-' ? -exponent : exponent);
  }
  return std::nullopt;
}

std::optional<double> parse_sample_at(std::string_view text, std::size_t pos) {
  if (pos + kSampleChars > text.size()) return std::nullopt;
  std::string_view s = text.substr(pos, kSampleChars);
  for (std::size_t k : {0u, 1u, 2u, 3u, 5u, 6u}) {
    if (!digit(s[k])) return std::nullopt;
  }
  if (s[4] != '-' && s[4] != '+') return std::nullopt;
  int mantissa = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
  int exponent = (s[5] - '0') * 10 + (s[6] - '0');
  if (s[4] == '-') exponent = -exponent;
  if (exponent < kMinExponent) return std::nullopt;
  double value = mantissa * std::pow(10.0, exponent);
  if (value >= kMaxValue) return std::nullopt;
  return value;
}

std::string format_sample(double value) {
  if (!(value > 0.0)) return "0000+00";
  int exponent = static_cast<int>(std::floor(std::log10(value))) - 3;
  long mantissa = std::lround(value / std::pow(10.0, exponent));
  if (mantissa >= 10000) {  // rounding carried into a fifth digit
    mantissa = std::lround(static_cast<double>(mantissa) / 10.0);
    ++exponent;
  } else if (mantissa < 1000) {  // log10 rounding put us one decade low
    mantissa = std::lround(value / std::pow(10.0, exponent - 1));
    --exponent;
  }
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04ld%c%02d", mantissa, exponent < 0 ? '-' : '+',
                exponent < 0 ? -exponent : exponent);
  return buf;
}

std::string format_millivolts(double volts) {
  return std::to_string(std::lround(volts * 1000.0)) + "m";
}

std::string format_freq(double hz) {
  long rounded = std::lround(hz);
  if (rounded >= 1000 && rounded % 1000 == 0) return std::to_string(rounded / 1000) + "k";
  return std::to_string(rounded);
}

}  // namespace tr::power::lpm01a
