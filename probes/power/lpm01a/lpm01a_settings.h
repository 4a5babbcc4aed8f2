// What a PowerShield capture is set to, and the limits the board puts on it (UM2269 help
// text; fact sheet §2.3, §2.4): the sample rates it offers, energy output up to 10 kHz, and
// how long each ASCII rate can stream over the virtual COM port.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace tr::power::lpm01a {

enum class Output { current, energy };      // `output current|energy`
enum class Format { ascii_dec, bin_hexa };  // `format ascii_dec|bin_hexa`
const char* to_string(Output o) noexcept;
const char* to_string(Format f) noexcept;
std::optional<Output> parse_output(std::string_view s);
std::optional<Format> parse_format(std::string_view s);

// `freq` values the board accepts, fastest first.
inline constexpr std::array<double, 16> kFrequencies = {100e3, 50e3, 20e3, 10e3, 5e3, 2e3, 1e3, 500,
                                                        200,   100,  50,   20,   10,  5,   2,   1};
bool is_board_frequency(double hz);
std::string frequency_list();  // "100k 50k ... 1" for messages

inline constexpr double kMinVolts = 1.8;  // `volt` 1800m..3300m
inline constexpr double kMaxVolts = 3.3;
inline constexpr double kMaxEnergyRate = 10e3;  // `output energy` integrates up to 10 kHz

// How long the board can stream `format` at `hz` before its TX buffer overflows
// (ascii_dec: unlimited to 5 kHz, 1 s at 10 kHz, 500 ms at 20 kHz; bin_hexa: unlimited to
// 100 kHz). nullopt = unlimited; 0 = not at all.
std::optional<double> max_acquisition_s(Format format, double hz);

// Why a capture of `acqtime_s` (infinity = until `stop`) cannot run as set, or nullopt when it
// can. The sentence names the limit and what to change; callers prefix the device.
std::optional<std::string> capture_refusal(double hz, Output output, Format format,
                                           double acqtime_s);

}  // namespace tr::power::lpm01a
