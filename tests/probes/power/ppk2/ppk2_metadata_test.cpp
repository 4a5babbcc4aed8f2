#include "power/ppk2/ppk2_metadata.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <string>

#include "power/power_error.h"

namespace {
using tr::power::PowerErrc;
using tr::power::PowerError;
using tr::power::ppk2::Ppk2Metadata;

bool defaulted(const Ppk2Metadata& m, const std::string& prefix) {
  return std::any_of(m.defaulted.begin(), m.defaulted.end(),
                     [&](const std::string& d) { return d.rfind(prefix, 0) == 0; });
}

// The example of power-monitors.md §1.3 in a different key order, as firmware varies it.
const char* kReordered =
    "HW: 9173\nmode: 2\nIA: 56\nVDD: 3000\nCalibrated: 0\n"
    "UG0: 1.00\nUG1: 1.00\nUG2: 1.00\nUG3: 1.00\nUG4: 1.00\n"
    "R0: 1003.3506\nR1: 101.5865\nR2: 10.3027\nR3: 0.9636\nR4: 0.0564\n"
    "S0: 0.000000048\nS1: 0.000000596\nS2: 0.000005281\nS3: 0.000062577\nS4: 0.002940743\n"
    "I0: -0.000000104\nI1: -0.000001443\nI2: 0.000036439\nI3: -0.000374119\nI4: -0.009388455\n"
    "GS0: 0.0000\nGS1: 112.7890\nGS2: 18.0115\nGS3: 2.4217\nGS4: 0.0729\n"
    "GI0: 1.0000\nGI1: 0.9695\nGI2: 0.9609\nGI3: 0.9519\nGI4: 0.9582\n"
    "O0: 112.9420\nO1: 75.4627\nO2: 64.6020\nO3: 50.4983\nO4: 87.2177\n"
    "END\n";

}  // namespace

TEST_CASE("PPK2 metadata: all 40 keys in any order", "[power][ppk2]") {
  const Ppk2Metadata m = Ppk2Metadata::parse(kReordered, "/dev/ttyACM0");
  const Ppk2Metadata e = Ppk2Metadata::example();
  CHECK(m.r == e.r);
  CHECK(m.gs == e.gs);
  CHECK(m.gi == e.gi);
  CHECK(m.o == e.o);
  CHECK(m.s == e.s);
  CHECK(m.i == e.i);
  CHECK(m.ug == e.ug);
  CHECK(m.hw == 9173);
  CHECK(m.mode == 2);
  CHECK(m.vdd_mv == 3000);
  CHECK(m.ia == 56);
  CHECK(m.calibrated == 0);
  CHECK(m.defaulted.empty());
  CHECK(m.ignored.empty());
}

TEST_CASE("PPK2 metadata: to_text round-trips and has 40 keys", "[power][ppk2]") {
  const std::string text = Ppk2Metadata::example().to_text();
  CHECK(std::count(text.begin(), text.end(), '\n') == 41);
  CHECK(text.substr(text.size() - 4) == "END\n");
  const Ppk2Metadata m = Ppk2Metadata::parse(text, "sim");
  CHECK(m.r == Ppk2Metadata::example().r);
  CHECK(m.s == Ppk2Metadata::example().s);
  CHECK(m.defaulted.empty());
}

TEST_CASE("PPK2 metadata: -nan, R = 0 and missing keys take the defaults", "[power][ppk2]") {
  const Ppk2Metadata m = Ppk2Metadata::parse(
      "Calibrated: 0\r\nR0: 0\r\nR1: -nan\r\nR2: 10.1\r\nGS3: nan\r\nS2: -nan\r\nO4: 12.5\r\n"
      "VDD: 1800\r\nIA: 59.0\r\nEND\r\n",
      "/dev/ttyACM1");
  const Ppk2Metadata d;
  CHECK(m.r[0] == d.r[0]);  // zero resistance is "wrong calibration values"
  CHECK(m.r[1] == d.r[1]);
  CHECK(m.r[2] == 10.1);
  CHECK(m.gs[3] == 1.0);
  CHECK(m.s[2] == 0.0);
  CHECK(m.o[4] == 12.5);
  CHECK(m.vdd_mv == 1800);
  CHECK(m.ia == 59.0);
  CHECK(defaulted(m, "R0 (0"));
  CHECK(defaulted(m, "R1 (-nan)"));
  CHECK(defaulted(m, "GS3 (nan)"));
  CHECK(defaulted(m, "UG4 (missing)"));
  CHECK(defaulted(m, "HW (missing)"));
  CHECK_FALSE(defaulted(m, "R2"));
}

TEST_CASE("PPK2 metadata: newer firmware prints 20 decimals", "[power][ppk2]") {
  const Ppk2Metadata m = Ppk2Metadata::parse(
      "R3: 0.96360000000000001208\nS4: 0.00294074300000000000\nHW: 49625\nEND\n", "dev");
  CHECK(m.r[3] == Approx(0.9636));
  CHECK(m.s[4] == Approx(0.002940743));
  CHECK(m.hw == 49625);
}

TEST_CASE("PPK2 metadata: a stale stream's tail before the reply is ignored", "[power][ppk2]") {
  std::string text("\x00\x50\x14\xA5\x12\n\xFF\x3A\x0A", 9);
  text += "R1: 100.0\nfuture_key: 7\nEND\nafter";
  const Ppk2Metadata m = Ppk2Metadata::parse(text, "dev");
  CHECK(m.r[1] == 100.0);
  REQUIRE(m.ignored.size() == 1);
  CHECK(m.ignored[0] == "future_key: 7");
}

TEST_CASE("PPK2 metadata: a reply without keys or END is a protocol error", "[power][ppk2]") {
  try {
    Ppk2Metadata::parse(std::string("\x01\x02garbage\nEND\n"), "/dev/ttyACM3");
    FAIL("parsed garbage");
  } catch (const PowerError& e) {
    CHECK(e.code() == PowerErrc::protocol);
    CHECK_THAT(e.what(), Catch::Contains("/dev/ttyACM3") && Catch::Contains("measurement port"));
  }
  try {
    Ppk2Metadata::parse("R0: 1000\nR1: 100\n", "/dev/ttyACM3");
    FAIL("parsed a truncated reply");
  } catch (const PowerError& e) {
    CHECK(e.code() == PowerErrc::protocol);
    CHECK_THAT(e.what(), Catch::Contains("END"));
  }
}
