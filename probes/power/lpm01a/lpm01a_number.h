// Numbers on the LPM01A wire. Commands take SI-suffixed values ("1800m", "100u", "1k", "2-3",
// "inf"); samples and some results are `DDDD±EE`: a 4-digit mantissa times a power of ten
// ("6409-07" = 640.9 uA, "3292-03" = 3.292 V). UM2243/UM2269; fact sheet §2.3, §2.4.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace tr::power::lpm01a {

// A command argument: digits with an optional fraction, then an optional suffix n, u, m, k or
// a power of ten `-xx`/`+xx`; "inf" is infinity. nullopt when `text` is anything else.
std::optional<double> parse_number(std::string_view text);

// A `DDDD±EE` value starting at text[pos] (exactly 7 characters). nullopt when the characters
// there are not one, or the value is outside what the board can measure (a glued or cut value
// such as "6409-6410-07" must not read as 6409e-64, nor "6409-010-07" as 640.9 A).
std::optional<double> parse_sample_at(std::string_view text, std::size_t pos);
constexpr std::size_t kSampleChars = 7;

// The board's own form: 4 significant digits, e.g. 640.87e-6 -> "6409-07"; 0 -> "0000+00".
std::string format_sample(double value);

// Command arguments as the board's help text writes them.
std::string format_millivolts(double volts);  // 1.8 -> "1800m"
std::string format_freq(double hz);           // 1000 -> "1k", 500 -> "500", 100000 -> "100k"

}  // namespace tr::power::lpm01a
