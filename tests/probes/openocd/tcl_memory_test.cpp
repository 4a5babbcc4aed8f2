// read_memory / write_memory command text and read_memory result parsing.
#include "openocd/tcl_memory.h"

#include <catch2/catch.hpp>

#include "debug/probe_error.h"

using namespace tr::probe;
using namespace tr::probe::tcl;

TEST_CASE("memory commands are byte-wide with hex addresses", "[openocd][tcl]") {
  CHECK(read_memory_command(0x20000000, 16) == "read_memory 0x20000000 8 16");
  const std::vector<std::uint8_t> bytes = {0x01, 0xff, 0x00, 0x7d};
  CHECK(write_memory_command(0x8000, bytes) == "write_memory 0x8000 8 {0x01 0xff 0x00 0x7d}");
  CHECK(write_memory_command(0, {}) == "write_memory 0x0 8 {}");
}

TEST_CASE("read_memory results parse to bytes", "[openocd][tcl]") {
  CHECK(parse_read_memory("0x0 0xff 0x7 0x10", 0x20000000, 4) ==
        std::vector<std::uint8_t>{0x00, 0xff, 0x07, 0x10});
  CHECK(parse_read_memory("  0xAB\n0xcd ", 0, 2) == std::vector<std::uint8_t>{0xab, 0xcd});
  CHECK(parse_read_memory("", 0, 0).empty());
}

TEST_CASE("read_memory results with the wrong count or values are rejected", "[openocd][tcl]") {
  auto fails = [](std::string_view result, std::size_t count) {
    try {
      parse_read_memory(result, 0x20000010, count);
    } catch (const ProbeError& e) {
      CHECK(e.code() == ProbeErrc::protocol);
      CHECK_THAT(e.what(), Catch::Contains("read_memory 0x20000010 8 " + std::to_string(count)));
      return std::string(e.what());
    }
    FAIL("accepted '" << result << "'");
    return std::string();
  };
  CHECK_THAT(fails("0x1 0x2", 3), Catch::Contains("has 2 values, not 3"));
  CHECK_THAT(fails("0x1 0x2 0x3", 2), Catch::Contains("more than 2 values"));
  CHECK_THAT(fails("0x1 0x100", 2), Catch::Contains("element 1 ('0x100') does not fit a byte"));
  CHECK_THAT(fails("0x1 12", 2), Catch::Contains("element 1 ('12') is not a 0x hex number"));
  CHECK_THAT(fails("0x1 0xzz", 2), Catch::Contains("element 1 ('0xzz') is not a 0x hex"));
  CHECK_THAT(fails("0x", 1), Catch::Contains("element 0"));
}
