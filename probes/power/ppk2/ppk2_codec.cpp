#include "power/ppk2/ppk2_codec.h"

#include <algorithm>
#include <cmath>

namespace tr::power::ppk2 {
namespace {

constexpr double kAdcVolts = 1.8 / 163840.0;  // volts per ADC unit (code x 4)

}  // namespace

std::size_t cmd::length(std::uint8_t opcode) {
  switch (opcode) {
    case kRegulatorSet:
      return 3;
    case kSetUserGains:
      return 6;
    case kDeviceRunningSet:
    case kSetPowerMode:
      return 2;
    default:
      return 1;
  }
}

std::string start_command() {
  return std::string(1, static_cast<char>(cmd::kAverageStart));
}
std::string stop_command() {
  return std::string(1, static_cast<char>(cmd::kAverageStop));
}
std::string metadata_command() {
  return std::string(1, static_cast<char>(cmd::kGetMetadata));
}

std::string regulator_command(int millivolts) {
  const auto mv = static_cast<unsigned>(millivolts);
  return {static_cast<char>(cmd::kRegulatorSet), static_cast<char>((mv >> 8) & 0xFF),
          static_cast<char>(mv & 0xFF)};
}

std::string device_running_command(bool on) {
  return {static_cast<char>(cmd::kDeviceRunningSet), static_cast<char>(on ? 1 : 0)};
}

std::string power_mode_command(Ppk2Mode mode) {
  return {static_cast<char>(cmd::kSetPowerMode), static_cast<char>(mode)};
}

Ppk2Word Ppk2Word::decode(std::uint32_t word) {
  Ppk2Word w;
  w.adc = static_cast<std::uint16_t>(word & 0x3FFF);
  w.range = static_cast<std::uint8_t>((word >> 14) & 0x7);
  w.counter = static_cast<std::uint8_t>((word >> 18) & 0x3F);
  w.logic = static_cast<std::uint8_t>(word >> 24);
  return w;
}

Ppk2Word Ppk2Word::decode(const std::uint8_t* le4) {
  return decode(static_cast<std::uint32_t>(le4[0]) | static_cast<std::uint32_t>(le4[1]) << 8 |
                static_cast<std::uint32_t>(le4[2]) << 16 |
                static_cast<std::uint32_t>(le4[3]) << 24);
}

std::uint32_t Ppk2Word::encode() const {
  return static_cast<std::uint32_t>(adc & 0x3FFF) | static_cast<std::uint32_t>(range & 0x7) << 14 |
         static_cast<std::uint32_t>(counter & 0x3F) << 18 | static_cast<std::uint32_t>(logic) << 24;
}

double to_amperes(std::uint16_t adc, int range, const Ppk2Metadata& m, double vdd_mv) {
  const auto r = static_cast<std::size_t>(std::clamp(range, 0, kRanges - 1));
  const double x = (static_cast<double>(adc) * 4.0 - m.o[r]) * kAdcVolts / m.r[r];
  return m.ug[r] * (x * (m.gs[r] * x + m.gi[r]) + m.s[r] * vdd_mv / 1000.0 + m.i[r]);
}

std::uint16_t to_adc(double amps, int range, const Ppk2Metadata& m, double vdd_mv) {
  const auto r = static_cast<std::size_t>(std::clamp(range, 0, kRanges - 1));
  // Solve GS x^2 + GI x + c = 0 for the root that tends to -c / GI as GS -> 0.
  const double c = m.s[r] * vdd_mv / 1000.0 + m.i[r] - amps / m.ug[r];
  const double disc = m.gi[r] * m.gi[r] - 4.0 * m.gs[r] * c;
  const double x = disc >= 0.0 ? -2.0 * c / (m.gi[r] + std::sqrt(disc)) : -m.gi[r] / (2 * m.gs[r]);
  const double units = x * m.r[r] / kAdcVolts + m.o[r];
  const double code = std::round(units / 4.0);
  return static_cast<std::uint16_t>(std::clamp(code, 0.0, static_cast<double>(kAdcMax)));
}

int auto_range(double amps) {
  if (amps < 50e-6) return 0;
  if (amps < 500e-6) return 1;
  if (amps < 5e-3) return 2;
  if (amps < 50e-3) return 3;
  return 4;
}

}  // namespace tr::power::ppk2
