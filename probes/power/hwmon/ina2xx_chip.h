// Ina2xxChip: what the Linux ina2xx hwmon driver makes of each chip (power-monitors.md §5):
// LSBs derived from the shunt resistor, the update_interval table and the rounding of every
// sysfs value. The driver uses it to choose between power1_input and curr1_input x in1_input;
// the simulator uses it to quantise a known load exactly as a chip and the kernel would.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tr::power::hwmon {

// The sysfs values for one conversion.
struct Ina2xxReadings {
  long in0_mv = 0;     // shunt voltage, mV (rounded)
  long in1_mv = 0;     // bus voltage, mV
  long curr1_ma = 0;   // current, whole mA (rounded)
  long power1_uw = 0;  // power, µW (power register x power LSB)
};

struct Ina2xxChip {
  std::string name;                 // as in the hwmon `name` file
  int shunt_div = 400;              // shunt register counts per mV: INA219 100, INA226 400
  int power_factor = 25;            // power LSB = factor x current LSB: 20 (219), 25 (226), 8 (260)
  double bus_lsb_mv = 1.25;         // INA219: 4 mV (after >> 3)
  bool has_update_interval = true;  // INA226/230/231/260: update_interval is RW
  int default_interval_ms = 35;     // INA226 config 0x4527 (16 averages); INA219 worst case ~68
  std::optional<int> fixed_current_lsb_ua;  // INA260: 1250 µA (internal shunt)
  std::optional<long> fixed_shunt_uohm;     // INA260: 2000 µΩ

  // The chip the hwmon `name` file names, or nullopt for anything else.
  static std::optional<Ina2xxChip> from_name(std::string_view name);
  static const std::vector<std::string>& names();  // every name the ina2xx driver registers

  long max_shunt_uohm() const { return 1000000000L / shunt_div; }  // larger -> -EINVAL
  int current_lsb_ua(long shunt_uohm) const;  // round((1e9 / shunt_div) / shunt)
  int power_lsb_uw(long shunt_uohm) const { return power_factor * current_lsb_ua(shunt_uohm); }
  // The update_interval a write of `ms` leaves (nearest of round(avg x 2.2 ms)).
  int snap_update_interval(long ms) const;
  // What a conversion of a steady `amps` at `volts` reads as, through the registers and the
  // kernel's rounding (current register rounded to its LSB, power register truncated).
  Ina2xxReadings quantise(double amps, double volts, long shunt_uohm) const;
};

}  // namespace tr::power::hwmon
