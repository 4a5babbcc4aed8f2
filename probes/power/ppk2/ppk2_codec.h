// The PPK2 wire format (power-monitors.md §1.2, §1.4): command bytes (no framing, no checksum,
// no acknowledgements) and the 32-bit sample word with its conversion to amperes.
#pragma once

#include <cstdint>
#include <string>

#include "power/ppk2/ppk2_metadata.h"

namespace tr::power::ppk2 {

namespace cmd {
inline constexpr std::uint8_t kAverageStart = 0x06;
inline constexpr std::uint8_t kAverageStop = 0x07;
inline constexpr std::uint8_t kDeviceRunningSet = 0x0C;  // + 01 on / 00 off
inline constexpr std::uint8_t kRegulatorSet = 0x0D;      // + mV big-endian u16
inline constexpr std::uint8_t kSetPowerMode = 0x11;      // + 01 ampere / 02 source
inline constexpr std::uint8_t kSpikeFilterOn = 0x15;
inline constexpr std::uint8_t kSpikeFilterOff = 0x16;
inline constexpr std::uint8_t kGetMetadata = 0x19;
inline constexpr std::uint8_t kReset = 0x20;
inline constexpr std::uint8_t kSetUserGains = 0x25;  // + range + float32

// Total length of the command starting with `opcode` (1, 2, 3 or 6 bytes).
std::size_t length(std::uint8_t opcode);
}  // namespace cmd

enum class Ppk2Mode { ampere = 1, source = 2 };

inline constexpr int kMinMillivolts = 800;
inline constexpr int kMaxMillivolts = 5000;
inline constexpr double kSampleRateHz = 100000.0;  // one word every 10 us

std::string start_command();                    // 06
std::string stop_command();                     // 07
std::string metadata_command();                 // 19
std::string regulator_command(int millivolts);  // 0D hi lo (caller checks 800..5000)
std::string device_running_command(bool on);    // 0C 01 / 0C 00
std::string power_mode_command(Ppk2Mode mode);  // 11 01 / 11 02

// One little-endian u32 of the stream.
struct Ppk2Word {
  std::uint16_t adc = 0;     // bits 0-13
  std::uint8_t range = 0;    // bits 14-16 as sent (5-7 are invalid)
  std::uint8_t counter = 0;  // bits 18-23, rolling 0..63
  std::uint8_t logic = 0;    // bits 24-31, bit N = DN

  static Ppk2Word decode(std::uint32_t word);
  static Ppk2Word decode(const std::uint8_t* le4);
  std::uint32_t encode() const;
  bool clipped() const { return adc == 0x3FFF; }
};

inline constexpr std::uint16_t kAdcMax = 0x3FFF;
inline constexpr std::uint8_t kCounterMask = 0x3F;

// The conversion of §1.4 (range clamped to 4 by the caller), amperes:
//   x = (adc * 4 - O[r]) * (1.8 / 163840) / R[r]
//   I = UG[r] * (x * (GS[r] * x + GI[r]) + S[r] * VDD / 1000 + I[r])
double to_amperes(std::uint16_t adc, int range, const Ppk2Metadata& m, double vdd_mv);
// Its inverse for simulators: the ADC code that converts back closest to `amps`, clamped to
// 0..0x3FFF.
std::uint16_t to_adc(double amps, int range, const Ppk2Metadata& m, double vdd_mv);
// The range the device's auto-ranging would pick for `amps` (shunt switch points 50 uA,
// 500 uA, 5 mA, 50 mA; §1.5).
int auto_range(double amps);

}  // namespace tr::power::ppk2
