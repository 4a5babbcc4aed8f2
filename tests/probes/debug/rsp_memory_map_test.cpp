// parse_memory_map: the documented example, number forms, and malformed maps.
#include "debug/rsp_memory_map.h"

#include <catch2/catch.hpp>

#include "debug/probe_error.h"

using namespace tr::probe;
using namespace tr::probe::rsp;
using Type = MemoryRegion::Type;

TEST_CASE("the documented STM32F4-style map parses", "[rsp][memory-map]") {
  const std::string xml = R"(<?xml version="1.0"?>
<!DOCTYPE memory-map PUBLIC "+//IDN gnu.org//DTD GDB Memory Map V1.0//EN"
    "http://sourceware.org/gdb/gdb-memory-map.dtd">
<memory-map>
  <memory type="flash" start="0x08000000" length="0x100000">
    <property name="blocksize">0x800</property>
  </memory>
  <memory type="ram" start="0x20000000" length="0x20000"/>
</memory-map>)";
  const auto map = parse_memory_map(xml);
  REQUIRE(map.size() == 2);
  CHECK(map[0].type == Type::flash);
  CHECK(map[0].start == 0x08000000);
  CHECK(map[0].length == 0x100000);
  CHECK(map[0].blocksize == 0x800);
  CHECK(map[1].type == Type::ram);
  CHECK(map[1].end() == 0x20020000);
  CHECK(find_region(map, 0x080fffff) == &map[0]);
  CHECK(find_region(map, 0x08100000) == nullptr);
  CHECK(find_region(map, 0x2001ffff) == &map[1]);
}

TEST_CASE("decimal numbers, comments, rom and several flash regions, sorted", "[rsp][memory-map]") {
  const std::string xml = R"(<memory-map>
  <!-- <memory type="ram" start="0" length="1"/> is commented out -->
  <memory type='flash' start='134348800' length='131072'>
    <property name="blocksize">131072</property></memory>
  <memory type="flash" start="0x08000000" length="0x10000">
    <property name="other">1</property>
    <property name="blocksize"> 16384 </property>
  </memory>
  <memory type="rom" start="0x1fff0000" length="0x7800"/>
</memory-map>)";
  const auto map = parse_memory_map(xml);
  REQUIRE(map.size() == 3);
  CHECK(map[0].type == Type::flash);
  CHECK(map[0].blocksize == 16384);
  CHECK(map[1].start == 0x08020000);  // 134348800
  CHECK(map[1].blocksize == 131072);
  CHECK(map[2].type == Type::rom);
  CHECK(to_string(map[2].type) == "rom");
}

TEST_CASE("malformed maps are rejected with what and where", "[rsp][memory-map]") {
  auto fails = [](const std::string& xml) {
    try {
      parse_memory_map(xml);
    } catch (const ProbeError& e) {
      CHECK(e.code() == ProbeErrc::protocol);
      return std::string(e.what());
    }
    FAIL("accepted: " << xml);
    return std::string();
  };
  CHECK_THAT(fails("<memory type=\"ram\" start=\"0\" length=\"1\"/>"),
             Catch::Contains("no <memory-map> element"));
  CHECK_THAT(fails("<memory-map><memory type=\"flash\" start=\"0x0\" length=\"0x100\"/>"
                   "</memory-map>"),
             Catch::Contains("flash region at 0x0 has no positive blocksize"));
  CHECK_THAT(fails("<memory-map>\n<memory type=\"eeprom\" start=\"0\" length=\"1\"/>"),
             Catch::Contains("unknown type 'eeprom'") && Catch::Contains("at offset 13"));
  CHECK_THAT(fails("<memory-map><memory type=\"ram\" start=\"0x1g\" length=\"1\"/>"),
             Catch::Contains("start '0x1g' is not a number"));
  CHECK_THAT(fails("<memory-map><memory type=\"ram\" length=\"1\"/>"),
             Catch::Contains("lacks a type, start or length"));
  CHECK_THAT(fails("<memory-map><memory type=\"ram\" start=\"0\" length=\"0\"/>"),
             Catch::Contains("length 0"));
  CHECK_THAT(fails("<memory-map><memory type=\"ram\" start=\"0x0\" length=\"0x100\"/>"
                   "<memory type=\"ram\" start=\"0x80\" length=\"0x100\"/></memory-map>"),
             Catch::Contains("regions at 0x0 and 0x80 overlap"));
  CHECK_THAT(fails("<memory-map><memory type=\"flash\" start=\"0\" length=\"1\">"),
             Catch::Contains("without </memory>"));
}
