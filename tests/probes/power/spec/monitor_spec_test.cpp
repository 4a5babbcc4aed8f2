#include "power/spec/monitor_spec.h"

#include <catch2/catch.hpp>
#include <string>

#include "power/power_error.h"

using namespace tr::power;
using Catch::Matchers::Contains;

namespace {

std::string spec_error(const std::string& text) {
  try {
    parse_monitor_spec(text);
  } catch (const PowerError& e) {
    CHECK(e.code() == PowerErrc::config);
    return e.what();
  }
  FAIL("no error for '" << text << "'");
  return {};
}

}  // namespace

TEST_CASE("monitor specs parse kind, address and options", "[power][spec]") {
  auto ppk2 = parse_monitor_spec("ppk2:/dev/ttyACM0,mode=ampere,volts=1.8,pin=3");
  CHECK(ppk2.kind == MonitorKind::ppk2);
  CHECK(ppk2.address == "/dev/ttyACM0");
  CHECK(ppk2.option("mode") == "ampere");
  CHECK(ppk2.number("volts", 0) == 1.8);
  CHECK(ppk2.number("pin", -1) == 3);
  CHECK(ppk2.number("missing", 7.5) == 7.5);
  CHECK_FALSE(ppk2.option("missing"));

  auto lpm = parse_monitor_spec("lpm01a:/dev/serial/by-id/usb-STM_PowerShield-if00,rate=1000");
  CHECK(lpm.kind == MonitorKind::lpm01a);
  CHECK(lpm.address == "/dev/serial/by-id/usb-STM_PowerShield-if00");
  CHECK(lpm.number("rate", 0) == 1000);

  auto otii = parse_monitor_spec("otii:127.0.0.1:1905,device=ARC-1,gpi=i2");
  CHECK(otii.kind == MonitorKind::otii);
  CHECK(otii.address == "127.0.0.1:1905");
  CHECK(otii.option("device") == "ARC-1");
  CHECK(parse_monitor_spec("otii:bench-pc").address == "bench-pc");

  CHECK(parse_monitor_spec("hwmon:hwmon3,interval=35").number("interval", 0) == 35);
  CHECK(parse_monitor_spec("hwmon:/sys/class/hwmon/hwmon3").address == "/sys/class/hwmon/hwmon3");
  CHECK(parse_monitor_spec("hwmon:ina226").address == "ina226");

  auto modelled = parse_monitor_spec("modelled");
  CHECK(modelled.kind == MonitorKind::modelled);
  CHECK(modelled.address.empty());
}

TEST_CASE("to_string gives the spec back", "[power][spec]") {
  for (const char* text :
       {"ppk2:/dev/ttyACM0", "ppk2:/dev/ttyACM0,volts=3.3,mode=source,pin=0",
        "lpm01a:/dev/ttyACM1,volts=1.8,rate=1000", "otii:127.0.0.1:1905,device=X,gpi=none",
        "hwmon:hwmon3,interval=9", "modelled"}) {
    auto spec = parse_monitor_spec(text);
    CHECK(to_string(spec) == text);
    CHECK(parse_monitor_spec(to_string(spec)) == spec);
  }
  MonitorSpec built{MonitorKind::hwmon, "ina219", {{"interval", "68"}}};
  CHECK(parse_monitor_spec(to_string(built)) == built);
}

TEST_CASE("bad monitor specs quote the spec and name the bad part", "[power][spec]") {
  struct Case {
    const char* spec;
    const char* names;
  };
  const Case cases[] = {
      {"", "empty"},
      {"ppk3:/dev/ttyACM0", "unknown monitor kind 'ppk3' (known: ppk2, lpm01a, otii, hwmon"},
      {"ppk2", "missing address after 'ppk2:'"},
      {"ppk2:", "missing address"},
      {"lpm01a:,volts=1.8", "missing address"},
      {"modelled:x", "'modelled' takes no address"},
      {"ppk2:/dev/ttyACM0,speed=3", "unknown option 'speed' for ppk2 (known: mode, volts, pin)"},
      {"ppk2:/dev/ttyACM0,volts=abc", "option 'volts': 'abc' is not a number"},
      {"ppk2:/dev/ttyACM0,volts=9", "option 'volts' is 9, outside 0.8..5"},
      {"ppk2:/dev/ttyACM0,pin=1.5", "'1.5' is not a whole number"},
      {"ppk2:/dev/ttyACM0,mode=volt", "option 'mode' is 'volt', expected one of source|ampere"},
      {"ppk2:/dev/ttyACM0,volts", "option 'volts' has no '=value'"},
      {"ppk2:/dev/ttyACM0,volts=3,volts=3", "option 'volts' given twice"},
      {"ppk2:/dev/ttyACM0,", "empty option after ','"},
      {"ppk2:/dev/ttyACM0,volts=3,,pin=1", "empty option between commas"},
      {"lpm01a:/dev/ttyACM0,volts=1.2", "option 'volts' is 1.2, outside 1.8..3.3"},
      {"otii:localhost:http", "otii port 'http' is not a TCP port"},
      {"otii:localhost:70000", "otii port '70000'"},
      {"otii::1905", "has no host"},
      {"otii:localhost,device=", "option 'device' needs a value"},
      {"hwmon:hwmon3,interval=0", "option 'interval' is 0, outside 1..32000"},
      {"modelled,volts=3", "unknown option 'volts' for modelled (known: none)"},
  };
  for (const auto& c : cases) {
    INFO(c.spec);
    const auto message = spec_error(c.spec);
    CHECK_THAT(message, Contains(std::string("monitor spec '") + c.spec + "'"));
    CHECK_THAT(message, Contains(c.names));
  }
}
