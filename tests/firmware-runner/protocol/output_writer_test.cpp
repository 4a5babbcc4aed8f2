#include "protocol/output_writer.h"

#include <catch2/catch.hpp>
#include <string>

#include "fake_platform.h"

using tr::fw::OutputWriter;
using tr::fw::test::FakeConsole;

TEST_CASE("whole lines end with CRLF", "[protocol][output_writer]") {
  FakeConsole c;
  OutputWriter w(c);
  w.message("init-done");
  w.error("Bad thing");
  w.plain("usage");
  w.value("model", "ok");
  w.value("timer_hz", uint64_t{25000000});
  w.ready();
  CHECK(c.text ==
        "m-init-done\r\ne-[Bad thing]\r\nusage\r\nm-tr-model-[ok]\r\n"
        "m-tr-timer_hz-[25000000]\r\nm-ready\r\n");
}

TEST_CASE("numbers are formatted without printf", "[protocol][output_writer]") {
  FakeConsole c;
  OutputWriter w(c);
  w.put_uint(18446744073709551615ull).put_char(' ').put_int(-7).put_char(' ');
  w.put_hex32(0x2030a0u).put_char(' ').put_hex_byte(0x0f).put_char(' ').put_fixed(0.0625f, 3);
  w.end_line();
  CHECK(c.text == "18446744073709551615 -7 0x002030a0 0f 0.063\r\n");
}

TEST_CASE("echoed text cannot break a line", "[protocol][output_writer]") {
  FakeConsole c;
  OutputWriter w(c);
  const char raw[] = {'a', '\r', '\n', '\0', '\\', static_cast<char>(0xff), 'z'};
  w.put_escaped(raw, sizeof raw).end_line();
  CHECK(c.text == "a\\x0d\\x0a\\x00\\x5c\\xffz\r\n");
}

TEST_CASE("a long line is written piecewise and arrives whole", "[protocol][output_writer]") {
  FakeConsole c;
  OutputWriter w(c);
  std::string expected = "m-tr-out-[";
  w.begin_value("out");
  for (int i = 0; i < 1000; ++i) {
    w.put_hex_byte(static_cast<uint8_t>(i));
    char two[3];
    std::snprintf(two, sizeof two, "%02x", i & 0xff);
    expected += two;
  }
  w.end_value();
  expected += "]\r\n";
  CHECK(c.text == expected);
  CHECK(c.writes > 1);  // nothing line-sized was buffered
}
