#include "power/hwmon/ina2xx_chip.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>

namespace tr::power::hwmon {
namespace {

// round(avg x 2.2 ms) for avg in {1, 4, 16, 64, 128, 256, 512, 1024}.
constexpr std::array<int, 8> kIntervalsMs = {2, 9, 35, 141, 282, 563, 1126, 2253};

// The kernel's DIV_ROUND_CLOSEST: halves away from zero.
long div_round_closest(long long x, long long d) {
  return static_cast<long>(x >= 0 ? (x + d / 2) / d : (x - d / 2) / d);
}

long clamp_register(double raw, double lo, double hi) {
  return static_cast<long>(std::clamp(std::round(raw), lo, hi));
}

Ina2xxChip ina226_class(std::string name) {
  Ina2xxChip c;
  c.name = std::move(name);
  return c;
}

Ina2xxChip ina219_class(std::string name) {
  Ina2xxChip c;
  c.name = std::move(name);
  c.shunt_div = 100;
  c.power_factor = 20;
  c.bus_lsb_mv = 4.0;
  c.has_update_interval = false;
  c.default_interval_ms = 68;
  return c;
}

}  // namespace

const std::vector<std::string>& Ina2xxChip::names() {
  static const std::vector<std::string> all = {"ina219", "ina220", "ina226", "ina230",
                                               "ina231", "ina260", "sy24655"};
  return all;
}

std::optional<Ina2xxChip> Ina2xxChip::from_name(std::string_view name) {
  if (name == "ina219" || name == "ina220") return ina219_class(std::string(name));
  if (name == "ina226" || name == "ina230" || name == "ina231" || name == "sy24655") {
    return ina226_class(std::string(name));  // sy24655: INA226-compatible (unverified)
  }
  if (name == "ina260") {
    Ina2xxChip c = ina226_class("ina260");
    c.power_factor = 8;
    c.fixed_current_lsb_ua = 1250;
    c.fixed_shunt_uohm = 2000;
    return c;
  }
  return std::nullopt;
}

int Ina2xxChip::current_lsb_ua(long shunt_uohm) const {
  if (fixed_current_lsb_ua) return *fixed_current_lsb_ua;
  const double lsb = (1e9 / shunt_div) / static_cast<double>(std::max(1L, shunt_uohm));
  return std::max(1, static_cast<int>(std::lround(lsb)));
}

int Ina2xxChip::snap_update_interval(long ms) const {
  ms = std::clamp(ms, 1L, 32000L);
  int best = kIntervalsMs[0];
  for (int candidate : kIntervalsMs) {
    if (std::labs(candidate - ms) < std::labs(best - ms)) best = candidate;
  }
  return best;
}

Ina2xxReadings Ina2xxChip::quantise(double amps, double volts, long shunt_uohm) const {
  const long shunt = fixed_shunt_uohm.value_or(shunt_uohm);
  const int lsb_ua = current_lsb_ua(shunt);
  const double shunt_mv = amps * static_cast<double>(shunt) * 1e-3;  // A x µΩ -> µV -> mV
  const long shunt_raw = clamp_register(shunt_mv * shunt_div, -32768, 32767);
  const long current_raw = clamp_register(amps * 1e6 / lsb_ua, -32768, 32767);
  const long bus_raw = clamp_register(volts * 1e3 / bus_lsb_mv, 0, 65535);

  Ina2xxReadings r;
  r.in0_mv = div_round_closest(shunt_raw, shunt_div);
  r.in1_mv = bus_lsb_mv == 4.0 ? bus_raw * 4 : div_round_closest(bus_raw * 1250LL, 1000);
  r.curr1_ma = div_round_closest(static_cast<long long>(current_raw) * lsb_ua, 1000);
  // The chip multiplies its current and bus registers and truncates to the power LSB.
  const double power_uw = std::abs(static_cast<double>(current_raw) * lsb_ua) *
                          (static_cast<double>(bus_raw) * bus_lsb_mv) / 1000.0;
  const long power_raw = static_cast<long>(std::floor(power_uw / power_lsb_uw(shunt) + 1e-9));
  r.power1_uw = std::min(power_raw, 65535L) * power_lsb_uw(shunt);
  return r;
}

}  // namespace tr::power::hwmon
