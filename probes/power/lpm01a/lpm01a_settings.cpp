#include "power/lpm01a/lpm01a_settings.h"

#include <cmath>

#include "power/lpm01a/lpm01a_number.h"

namespace tr::power::lpm01a {

const char* to_string(Output o) noexcept {
  return o == Output::current ? "current" : "energy";
}

const char* to_string(Format f) noexcept {
  return f == Format::ascii_dec ? "ascii_dec" : "bin_hexa";
}

std::optional<Output> parse_output(std::string_view s) {
  if (s == "current") return Output::current;
  if (s == "energy") return Output::energy;
  return std::nullopt;
}

std::optional<Format> parse_format(std::string_view s) {
  if (s == "ascii_dec") return Format::ascii_dec;
  if (s == "bin_hexa") return Format::bin_hexa;
  return std::nullopt;
}

bool is_board_frequency(double hz) {
  for (double f : kFrequencies) {
    if (std::abs(f - hz) < 1e-9) return true;
  }
  return false;
}

std::string frequency_list() {
  std::string out;
  for (double f : kFrequencies) {
    if (!out.empty()) out += ' ';
    out += format_freq(f);
  }
  return out;
}

std::optional<double> max_acquisition_s(Format format, double hz) {
  if (format == Format::bin_hexa) {
    return hz <= 100e3 ? std::nullopt : std::optional<double>(0.0);
  }
  if (hz <= 5e3) return std::nullopt;
  if (hz <= 10e3) return 1.0;
  if (hz <= 20e3) return 0.5;
  return 0.0;
}

std::optional<std::string> capture_refusal(double hz, Output output, Format format,
                                           double acqtime_s) {
  if (!is_board_frequency(hz)) {
    return "the board samples at " + frequency_list() + " Hz only, not " + format_freq(hz) + " Hz";
  }
  if (output == Output::energy && hz > kMaxEnergyRate) {
    return "energy output integrates at up to 10 kHz, not " + format_freq(hz) +
           " Hz; use current output for faster rates";
  }
  if (format == Format::bin_hexa && output == Output::energy) {
    return "tinyrack reads bin_hexa as currents only (how it encodes energy is not documented); "
           "use current output with bin_hexa";
  }
  auto limit = max_acquisition_s(format, hz);
  if (limit && *limit <= 0.0) {
    return std::string(to_string(format)) + " cannot stream " + format_freq(hz) +
           " Hz over the virtual COM port; use bin_hexa (up to 100 kHz) or a lower rate";
  }
  if (limit && acqtime_s > *limit) {
    return std::string(to_string(format)) + " at " + format_freq(hz) + " Hz streams for at most " +
           std::to_string(static_cast<int>(std::lround(*limit * 1000))) +
           " ms before the board's buffer overflows, and this capture is open-ended; use 5 kHz "
           "or less in ascii_dec, or bin_hexa with current output (up to 100 kHz)";
  }
  return std::nullopt;
}

}  // namespace tr::power::lpm01a
