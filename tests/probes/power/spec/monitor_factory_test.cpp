#include "power/spec/monitor_factory.h"

#include <boost/asio/io_context.hpp>
#include <catch2/catch.hpp>

#include "power/power_error.h"

using namespace tr::power;
using Catch::Matchers::Contains;

TEST_CASE("the factory maps each spec onto its driver", "[power][spec]") {
  boost::asio::io_context ctx;
  auto ex = ctx.get_executor();
  CHECK_THAT(make_monitor(ex, parse_monitor_spec("ppk2:/dev/ttyACM7,mode=ampere"))->description(),
             Contains("/dev/ttyACM7"));
  auto ppk2 = make_monitor(ex, parse_monitor_spec("ppk2:/dev/ttyACM7,pin=3"));
  CHECK(ppk2->capabilities().markers);
  CHECK(ppk2->capabilities().supply_control);

  auto lpm = make_monitor(ex, parse_monitor_spec("lpm01a:/dev/ttyACM9,volts=3.3"));
  CHECK_THAT(lpm->description(), Contains("/dev/ttyACM9"));
  CHECK(lpm->capabilities().supply_control);

  auto otii = make_monitor(ex, parse_monitor_spec("otii:127.0.0.1:4242,gpi=none"));
  CHECK_THAT(otii->description(), Contains("4242"));
  CHECK_FALSE(otii->capabilities().markers);  // gpi=none: no marker channel
  CHECK(make_monitor(ex, parse_monitor_spec("otii:127.0.0.1"))->capabilities().markers);

  auto hwmon = make_monitor(ex, parse_monitor_spec("hwmon:hwmon3,interval=35"));
  CHECK_FALSE(hwmon->capabilities().per_inference_energy);
}

TEST_CASE("the factory refuses the modelled monitor", "[power][spec]") {
  boost::asio::io_context ctx;
  try {
    make_monitor(ctx.get_executor(), parse_monitor_spec("modelled"));
    FAIL("no error");
  } catch (const PowerError& e) {
    CHECK(e.code() == PowerErrc::config);
    CHECK_THAT(e.what(), Contains("emulated board"));
  }
}
