#include "debug/rsp_packet.h"

#include <catch2/catch.hpp>
#include <vector>

#include "debug/probe_error.h"
#include "debug/stop_reply.h"

using namespace tr::probe;

namespace {

std::vector<std::uint8_t> bytes(std::initializer_list<int> list) {
  std::vector<std::uint8_t> out;
  for (int b : list) out.push_back(static_cast<std::uint8_t>(b));
  return out;
}

}  // namespace

TEST_CASE("frame() reproduces the fact sheet's checksum vectors", "[rsp][packet]") {
  // gdb-rsp.md §1.1: every packet as framed on the wire.
  const std::vector<std::string> framed = {
      "$qSupported#37",
      "$?#3f",
      "$g#67",
      "$m20000000,4#4f",
      "$M20000000,4:01020304#f3",
      "$c#63",
      "$s#73",
      "$k#6b",
      "$D#44",
      "$Z0,8000120,2#6f",
      "$z0,8000120,2#8f",
      "$Z1,8000120,2#70",
      "$vCont?#49",
      "$vCont;c#a8",
      "$vFlashDone#ea",
      "$X20000000,0:#70",
      "$QStartNoAckMode#b0",
      "$qXfer:memory-map:read::0,fff#1c",
      "$Pf=00000008#7b",
      "$p19#da",
      "$qAttached#8f",
      "$qRcmd,73797374656d5f7265736574#86",
      "$qRcmd,72657365742068616c74#72",
      "$OK#9a",
      "$S05#b8",
      "$T05thread:01;#07",
      "$T05thread:p01.01;#06",
      "$T02thread:p01.01;#03",
      "$E14#aa",
      "$01020304#8a",
      "$#00",
      "$qRcmd,696e666f206d74726565202d66#3f",
      "$O6d656d6f72792d726567696f6e3a2073797374656d0a#1b",
  };
  for (const auto& wire : framed) {
    const std::string payload = wire.substr(1, wire.size() - 4);
    INFO(wire);
    CHECK(rsp::frame(payload) == wire);
  }
}

TEST_CASE("checksum is the byte sum modulo 256", "[rsp][packet]") {
  CHECK(rsp::checksum("") == 0);
  CHECK(rsp::checksum("OK") == 0x9a);
  CHECK(rsp::checksum(std::string(3, '\xff')) == 0xfd);  // 765 mod 256
}

TEST_CASE("binary escaping follows gdb-rsp.md §1.2", "[rsp][packet]") {
  const auto raw = bytes({0x23, 0x24, 0x7D, 0x2A, 0x41});
  const std::string escaped = rsp::escape_binary(raw);
  CHECK(escaped == std::string("\x7d\x03\x7d\x04\x7d\x5d\x7d\x0a\x41", 9));
  CHECK(rsp::unescape_binary(escaped) == raw);

  SECTION("every byte value round-trips") {
    std::vector<std::uint8_t> all(256);
    for (int i = 0; i < 256; ++i) all[i] = static_cast<std::uint8_t>(i);
    const std::string e = rsp::escape_binary(all);
    CHECK(e.size() == 256 + 4);
    CHECK(e.find_first_of("#$*") == std::string::npos);
    CHECK(rsp::unescape_binary(e) == all);
  }
  SECTION("a trailing lone escape byte is an error") {
    CHECK_THROWS_AS(rsp::unescape_binary("ab}"), ProbeError);
  }
}

TEST_CASE("run-length decoding follows gdb-rsp.md §1.3", "[rsp][packet]") {
  CHECK(rsp::expand_rle("0* ") == "0000");  // ' ' = 32 -> 3 extra
  CHECK(rsp::expand_rle("0*!000") == "00000000");
  CHECK(rsp::expand_rle("ab*\"c") == "abbbbbbc");  // '"' = 34 -> 5 extra
  CHECK(rsp::expand_rle("no runs") == "no runs");
  CHECK(rsp::expand_rle("") == "");

  SECTION("malformed runs are errors naming the offset") {
    CHECK_THROWS_WITH(rsp::expand_rle("*  "), Catch::Contains("offset 0"));
    CHECK_THROWS_WITH(rsp::expand_rle("ab*"), Catch::Contains("no count"));
    CHECK_THROWS_AS(rsp::expand_rle(std::string("a*\x01", 3)), ProbeError);
    CHECK_THROWS_AS(rsp::expand_rle("a*\x7f"), ProbeError);
  }
}

TEST_CASE("hex encoding and numbers", "[rsp][packet]") {
  CHECK(rsp::hex_encode(bytes({0x01, 0xab, 0xff, 0x00})) == "01abff00");
  CHECK(rsp::hex_encode(std::string_view("system_reset")) == "73797374656d5f7265736574");
  CHECK(rsp::hex_decode("01ABff00") == bytes({0x01, 0xab, 0xff, 0x00}));
  CHECK(rsp::hex_decode_text("6d656d6f72792d726567696f6e3a2073797374656d0a") ==
        "memory-region: system\n");
  CHECK(rsp::hex_decode("").empty());
  CHECK_THROWS_WITH(rsp::hex_decode("abc"), Catch::Contains("odd"));
  CHECK_THROWS_WITH(rsp::hex_decode("0g"), Catch::Contains("offset 1"));

  CHECK(rsp::hex_number(0) == "0");
  CHECK(rsp::hex_number(0x8000120) == "8000120");
  CHECK(rsp::hex_number(0xffffffffu) == "ffffffff");
  CHECK(rsp::parse_hex_number("1000") == 4096);  // PacketSize=1000 is hex
  CHECK(rsp::parse_hex_number("DeadBeef") == 0xdeadbeef);
  CHECK_THROWS_AS(rsp::parse_hex_number(""), ProbeError);
  CHECK_THROWS_AS(rsp::parse_hex_number("12x"), ProbeError);
  CHECK_THROWS_AS(rsp::parse_hex_number("11112222333344445"), ProbeError);
}

TEST_CASE("error replies and descriptions", "[rsp][packet]") {
  CHECK(rsp::is_error_reply("E14"));
  CHECK(rsp::is_error_reply("E.memtype"));
  CHECK_FALSE(rsp::is_error_reply("OK"));
  CHECK_FALSE(rsp::is_error_reply("E1"));
  CHECK_FALSE(rsp::is_error_reply("E14E1"));  // hex data that starts with E
  CHECK_FALSE(rsp::is_error_reply(""));
  CHECK(rsp::describe("m0,4") == "m0,4");
  CHECK(rsp::describe(std::string(100, 'a'), 10) == "aaaaaaaaaa...(100 bytes)");
}

TEST_CASE("stop replies", "[rsp][stop]") {
  auto t = rsp::parse_stop_reply("T05thread:p01.01;");
  CHECK(t.kind == rsp::StopReply::Kind::signal);
  CHECK(t.code == 5);
  CHECK(t.thread == "p01.01");
  CHECK(t.halted());
  auto t2 = rsp::parse_stop_reply("T02thread:01;");
  CHECK(t2.code == 2);
  CHECK(t2.thread == "01");
  CHECK(rsp::parse_stop_reply("S05").code == 5);
  auto w = rsp::parse_stop_reply("W07");
  CHECK(w.kind == rsp::StopReply::Kind::exited);
  CHECK(w.code == 7);
  CHECK_FALSE(w.halted());
  CHECK(rsp::parse_stop_reply("X09").kind == rsp::StopReply::Kind::terminated);
  CHECK_FALSE(rsp::is_stop_reply("OK"));
  CHECK_FALSE(rsp::is_stop_reply("O0a"));
  CHECK_THROWS_WITH(rsp::parse_stop_reply("E14"), Catch::Contains("E14"));
}
