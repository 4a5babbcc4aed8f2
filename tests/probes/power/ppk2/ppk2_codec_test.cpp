#include "power/ppk2/ppk2_codec.h"

#include <catch2/catch.hpp>
#include <cstdint>
#include <string>

namespace {
using namespace tr::power::ppk2;

std::string hex(const std::string& s) {
  static const char* d = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (!out.empty()) out += ' ';
    out += d[c >> 4];
    out += d[c & 15];
  }
  return out;
}

const std::uint8_t kVectorBytes[4] = {0x00, 0x50, 0x14, 0xA5};  // power-monitors.md §1.4

}  // namespace

TEST_CASE("PPK2 word: the fact sheet's vector decodes field by field", "[power][ppk2]") {
  const Ppk2Word w = Ppk2Word::decode(kVectorBytes);
  CHECK(w.adc == 0x1000);
  CHECK(w.range == 1);
  CHECK(w.counter == 5);
  CHECK(w.logic == 0xA5);
  CHECK(w.encode() == 0xA5145000u);
  CHECK(Ppk2Word::decode(0xA5145000u).encode() == 0xA5145000u);
  CHECK(Ppk2Word::decode(0x00003FFFu).clipped());
  CHECK(Ppk2Word::decode(0x0001C000u).range == 7);  // invalid ranges survive decoding
}

TEST_CASE("PPK2 conversion: worked vectors of the fact sheet", "[power][ppk2]") {
  const Ppk2Word w = Ppk2Word::decode(kVectorBytes);
  // Default constants, VDD 3000 mV: 1773.918 uA.
  CHECK(to_amperes(w.adc, w.range, Ppk2Metadata{}, 3000) * 1e6 == Approx(1773.918).margin(5e-4));
  // The real-device example metadata: 2061.136 uA.
  CHECK(to_amperes(w.adc, w.range, Ppk2Metadata::example(), 3000) * 1e6 ==
        Approx(2061.136).margin(5e-4));
  // Ranges above 4 are clamped to 4, not 5 (the official app's off-by-one).
  CHECK(to_amperes(1000, 7, Ppk2Metadata{}, 3000) == to_amperes(1000, 4, Ppk2Metadata{}, 3000));
}

TEST_CASE("PPK2 conversion: to_adc inverts to_amperes within one code", "[power][ppk2]") {
  const Ppk2Metadata m = Ppk2Metadata::example();
  for (double amps : {1e-6, 30e-6, 200e-6, 2e-3, 25e-3, 300e-3}) {
    const int r = auto_range(amps);
    const std::uint16_t code = to_adc(amps, r, m, 3300);
    const double back = to_amperes(code, r, m, 3300);
    const double step =
        std::abs(to_amperes(static_cast<std::uint16_t>(code + 1), r, m, 3300) - back);
    INFO("amps " << amps << " range " << r << " code " << code);
    CHECK(std::abs(back - amps) <= step * 0.5 + 1e-12);
  }
  CHECK(to_adc(100.0, 0, m, 3000) == kAdcMax);  // far beyond the range: clipped
  CHECK(to_adc(-1.0, 3, m, 3000) == 0);
}

TEST_CASE("PPK2 auto-ranging switch points", "[power][ppk2]") {
  CHECK(auto_range(10e-6) == 0);
  CHECK(auto_range(100e-6) == 1);
  CHECK(auto_range(2e-3) == 2);
  CHECK(auto_range(25e-3) == 3);
  CHECK(auto_range(0.2) == 4);
}

TEST_CASE("PPK2 commands: bytes and lengths", "[power][ppk2]") {
  CHECK(hex(regulator_command(800)) == "0D 03 20");
  CHECK(hex(regulator_command(1800)) == "0D 07 08");
  CHECK(hex(regulator_command(3300)) == "0D 0C E4");
  CHECK(hex(regulator_command(5000)) == "0D 13 88");
  CHECK(hex(start_command()) == "06");
  CHECK(hex(stop_command()) == "07");
  CHECK(hex(metadata_command()) == "19");
  CHECK(hex(device_running_command(true)) == "0C 01");
  CHECK(hex(device_running_command(false)) == "0C 00");
  CHECK(hex(power_mode_command(Ppk2Mode::ampere)) == "11 01");
  CHECK(hex(power_mode_command(Ppk2Mode::source)) == "11 02");
  CHECK(cmd::length(0x06) == 1);
  CHECK(cmd::length(0x0C) == 2);
  CHECK(cmd::length(0x11) == 2);
  CHECK(cmd::length(0x0D) == 3);
  CHECK(cmd::length(0x25) == 6);
  CHECK(cmd::length(0x19) == 1);
}
