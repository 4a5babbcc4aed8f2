// Small text helpers shared by the trace file writer and reader.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace tr::power::trace_text {

// "%.9g": exact for float samples, 9 significant digits for times.
std::string number(double v);
// Backslash-escapes `\`, newline, carriage return and, when `key`, `=`.
std::string escape(std::string_view s, bool key);
// The inverse; nullopt for a dangling or unknown escape.
std::optional<std::string> unescape(std::string_view s);
// A finite number filling all of `s`.
std::optional<double> parse_number(std::string_view s);

}  // namespace tr::power::trace_text
