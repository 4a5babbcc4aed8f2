// The worked vectors of power-monitors.md §5 (computed from the kernel's formulas).
#include "power/hwmon/ina2xx_chip.h"

#include <catch2/catch.hpp>

using tr::power::hwmon::Ina2xxChip;

TEST_CASE("INA226 at 10 mOhm: 250 uA current LSB, 6250 uW power LSB, whole-mA current") {
  const auto chip = Ina2xxChip::from_name("ina226");
  REQUIRE(chip);
  CHECK(chip->current_lsb_ua(10000) == 250);
  CHECK(chip->power_lsb_uw(10000) == 6250);
  // Shunt register 400 (1 mV over 10 mOhm = 100 mA), bus register 2560 (3.2 V).
  const auto r = chip->quantise(0.100, 3.2, 10000);
  CHECK(r.in0_mv == 1);
  CHECK(r.curr1_ma == 100);
  CHECK(r.in1_mv == 3200);
  CHECK(r.power1_uw == 318750);  // power register 51 (400 x 2560 / 20000 = 51.2, truncated)
}

TEST_CASE("INA226 at its 2.5 Ohm maximum: 100 uA reads 0 mA but 325 uW") {
  const auto chip = Ina2xxChip::from_name("ina226");
  REQUIRE(chip);
  CHECK(chip->max_shunt_uohm() == 2500000);
  CHECK(chip->current_lsb_ua(2500000) == 1);
  CHECK(chip->power_lsb_uw(2500000) == 25);
  const auto r = chip->quantise(100e-6, 3.3, 2500000);
  CHECK(r.curr1_ma == 0);
  CHECK(r.power1_uw == 325);
}

TEST_CASE("INA219 at 10 mOhm: 1 mA current LSB, 20 mW power LSB, 4 mV bus steps") {
  const auto chip = Ina2xxChip::from_name("ina219");
  REQUIRE(chip);
  CHECK(chip->current_lsb_ua(10000) == 1000);
  CHECK(chip->power_lsb_uw(10000) == 20000);
  CHECK_FALSE(chip->has_update_interval);
  CHECK(chip->quantise(0.0, 3.0, 10000).in1_mv == 3000);  // bus register 0x1770 >> 3 = 750
  CHECK(chip->quantise(0.0, 3.0015, 10000).in1_mv == 3000);
  CHECK(chip->quantise(0.0, 3.0025, 10000).in1_mv == 3004);
  CHECK(chip->quantise(0.0123, 3.0, 10000).curr1_ma == 12);
}

TEST_CASE("update_interval writes snap to the nearest averaging step") {
  const auto chip = Ina2xxChip::from_name("ina231");
  REQUIRE(chip);
  CHECK(chip->snap_update_interval(1) == 2);
  CHECK(chip->snap_update_interval(5) == 2);
  CHECK(chip->snap_update_interval(6) == 9);
  CHECK(chip->snap_update_interval(35) == 35);
  CHECK(chip->snap_update_interval(100) == 141);
  CHECK(chip->snap_update_interval(1000000) == 2253);
}

TEST_CASE("only the ina2xx driver's chips are INA2xx, and the INA260 has a fixed shunt") {
  CHECK_FALSE(Ina2xxChip::from_name("coretemp"));
  CHECK_FALSE(Ina2xxChip::from_name("ina238"));  // a different kernel driver
  const auto ina260 = Ina2xxChip::from_name("ina260");
  REQUIRE(ina260);
  CHECK(ina260->current_lsb_ua(123456) == 1250);
  CHECK(ina260->power_lsb_uw(2000) == 10000);
  for (const auto& name : Ina2xxChip::names()) CHECK(Ina2xxChip::from_name(name));
}
