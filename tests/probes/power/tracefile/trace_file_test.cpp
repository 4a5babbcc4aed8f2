#include "power/tracefile/trace_file.h"

#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>
#include <string>

#include "power/power_error.h"
#include "support/test_paths.h"

using namespace tr::power;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;

namespace {

PowerTrace uniform_trace() {
  PowerTrace t;
  t.monitor = "ppk2 on /dev/ttyACM0";
  t.rate_hz = 1000.0;
  t.supply_v = 3.0;
  for (int i = 0; i < 50; ++i) t.append(0.002f + 0.0001f * static_cast<float>(i % 7));
  t.mark(0.0102, true);
  t.mark(0.0305, false);
  t.notes = {{"firmware", "1.2.4"}, {"odd=key", "line one\nline two \\ end"}};
  return t;
}

PowerTrace irregular_trace() {
  PowerTrace t;
  t.monitor = "hwmon ina226 at /sys/class/hwmon/hwmon3";
  t.rate_hz = 28.5;
  t.supply_v = 3.3;
  t.append(0.012f, 3.2f, 0.0);
  t.append(0.013f, 3.25f, 0.0351);
  t.append(0.0f, 3.3f, 0.0712345678);
  t.ended_by_error = "hwmon3 vanished: curr1_input: No such device";
  return t;
}

PowerTrace round_trip(const PowerTrace& t) {
  std::stringstream s;
  write_trace(s, t);
  return read_trace(s, "mem.csv");
}

std::string read_error(const std::string& text) {
  std::istringstream in(text);
  try {
    read_trace(in, "bad.csv");
  } catch (const PowerError& e) {
    CHECK(e.code() == PowerErrc::config);
    return e.what();
  }
  FAIL("no error for:\n" << text);
  return {};
}

const std::string kHeader =
    "# format: tinyrack-power-trace 1\n# monitor: m\n# provenance: measured\n"
    "# rate_hz: 100\n# supply_v: 3\n# sampling: uniform\n";

}  // namespace

TEST_CASE("a uniform trace with markers and notes round-trips", "[power][tracefile]") {
  const auto t = uniform_trace();
  const auto r = round_trip(t);
  CHECK(r.monitor == t.monitor);
  CHECK(r.provenance == Provenance::measured);
  CHECK(r.rate_hz == t.rate_hz);
  CHECK(r.supply_v == t.supply_v);
  CHECK(r.uniform());
  CHECK(r.current_a == t.current_a);  // %.9g is exact for floats
  CHECK(r.voltage_v.empty());
  REQUIRE(r.markers.size() == 2);
  CHECK(r.markers[0].t_s == Approx(0.0102));
  CHECK(r.markers[0].sample == t.markers[0].sample);
  CHECK(r.markers[0].falling);
  CHECK_FALSE(r.markers[1].falling);
  CHECK(r.notes == t.notes);
  CHECK_FALSE(r.ended_by_error);
}

TEST_CASE("an irregular trace with voltage and an error round-trips", "[power][tracefile]") {
  auto t = irregular_trace();
  t.provenance = Provenance::modelled;
  const auto r = round_trip(t);
  CHECK_FALSE(r.uniform());
  REQUIRE(r.time_s.size() == 3);
  CHECK(r.time_s[2] == Approx(0.0712345678).epsilon(1e-8));
  CHECK(r.current_a == t.current_a);
  CHECK(r.voltage_v == t.voltage_v);
  CHECK(r.provenance == Provenance::modelled);
  CHECK(r.ended_by_error == t.ended_by_error);
  CHECK(r.rate_hz == 28.5);
}

TEST_CASE("uniform files carry time_s and plot as they are", "[power][tracefile]") {
  std::stringstream s;
  write_trace(s, uniform_trace());
  const auto text = s.str();
  CHECK_THAT(text, StartsWith("# format: tinyrack-power-trace 1\n# monitor: ppk2 on"));
  CHECK_THAT(text, Contains("# sampling: uniform\n"));
  CHECK_THAT(text, Contains("# marker: 0.0102,11,falling\n"));
  CHECK_THAT(text, Contains("# note: odd\\=key=line one\\nline two \\\\ end\n"));
  CHECK_THAT(text, Contains("\ntime_s,current_a\n0,0.00200000009\n0.001,"));
}

TEST_CASE("trace files on disk round-trip and are replaced whole", "[power][tracefile]") {
  const auto dir = tr::test::scratch_dir("tracefile");
  const auto file = dir / "t.csv";
  write_trace_file(file, irregular_trace());
  write_trace_file(file, uniform_trace());
  CHECK(read_trace_file(file).size() == 50);
  CHECK_FALSE(std::filesystem::exists(dir / "t.csv.partial"));
  CHECK_THROWS_WITH(read_trace_file(dir / "none.csv"), Contains("none.csv"));
  CHECK_THROWS_WITH(write_trace_file(dir / "no" / "such" / "dir.csv", uniform_trace()),
                    Contains("dir.csv"));
}

TEST_CASE("an empty trace round-trips", "[power][tracefile]") {
  PowerTrace t;
  t.rate_hz = 100000;
  const auto r = round_trip(t);
  CHECK(r.size() == 0);
  CHECK(r.rate_hz == 100000);
}

TEST_CASE("malformed trace files name the file and line", "[power][tracefile]") {
  struct Case {
    std::string text;
    const char* names;
  };
  const Case cases[] = {
      {"time_s,current_a\n", "bad.csv:1: not a tinyrack power trace"},
      {"# format: tinyrack-power-trace 2\n", "bad.csv:1: not a tinyrack power trace"},
      {kHeader, "bad.csv:6: the file ends before its column line"},
      {kHeader + "# colour: red\ntime_s,current_a\n", "bad.csv:7: unknown header key 'colour'"},
      {kHeader + "# rate_hz: 5\ntime_s,current_a\n", "bad.csv:7: 'rate_hz' given twice"},
      {kHeader + "time,current\n", "bad.csv:7: expected the column line"},
      {kHeader + "time_s,current_a\n0,1\n0.01,x\n", "bad.csv:9: current_a 'x' is not a finite"},
      {kHeader + "time_s,current_a\n0,1\n0.01,nan\n", "bad.csv:9: current_a 'nan'"},
      {kHeader + "time_s,current_a\n0,1,2\n", "bad.csv:8: expected 2 columns, found 3"},
      {kHeader + "time_s,current_a\n0,1\n0.5,1\n", "bad.csv:9: time_s 0.5 is not sample 1"},
      {kHeader + "# marker: 0.01,5,falling\ntime_s,current_a\n0,1\n",
       "bad.csv:7: marker sample 5 is past the 1 samples"},
      {kHeader + "# marker: 0.01,1,up\ntime_s,current_a\n", "bad.csv:7: marker edge 'up'"},
      {kHeader + "# marker: 0.02,1,falling\n# marker: 0.01,1,falling\ntime_s,current_a\n",
       "bad.csv:8: marker at 0.01 s is before"},
      {kHeader + "# note: novalue\ntime_s,current_a\n", "bad.csv:7: note 'novalue' has no '='"},
      {kHeader + "# ended_by_error: bad \\q escape\ntime_s,current_a\n",
       "bad.csv:7: bad backslash escape"},
      {"# format: tinyrack-power-trace 1\n# rate_hz: 0\n# supply_v: 3\n# sampling: uniform\n"
       "time_s,current_a\n",
       "bad.csv:5: a uniform trace needs rate_hz > 0"},
      {"# format: tinyrack-power-trace 1\n# supply_v: 3\n# sampling: uniform\ntime_s,current_a\n",
       "bad.csv:4: the header needs rate_hz"},
      {"# format: tinyrack-power-trace 1\n# rate_hz: 9\n# supply_v: 3\n# sampling: irregular\n"
       "time_s,current_a\n0.1,1\n0.1,1\n",
       "bad.csv:7: time_s 0.1 does not advance"},
  };
  for (const auto& c : cases) {
    INFO(c.text);
    CHECK_THAT(read_error(c.text), StartsWith(c.names));
  }
}

TEST_CASE("CRLF line ends and a trimmed empty value are accepted", "[power][tracefile]") {
  std::istringstream in(
      "# format: tinyrack-power-trace 1\r\n# monitor:\r\n# rate_hz: 10\r\n# supply_v: 1.8\r\n"
      "# sampling: uniform\r\ntime_s,current_a\r\n0,0.5\r\n0.1,0.25\r\n");
  const auto t = read_trace(in, "crlf.csv");
  CHECK(t.monitor.empty());
  CHECK(t.current_a == std::vector<float>{0.5f, 0.25f});
}
