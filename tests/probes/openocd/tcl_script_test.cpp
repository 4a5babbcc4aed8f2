// The status wrapper, reply parsing and brace quoting.
#include "openocd/tcl_script.h"

#include <catch2/catch.hpp>

#include "debug/probe_error.h"
#include "openocd/tcl_frame_decoder.h"

using namespace tr::probe;
using namespace tr::probe::tcl;

TEST_CASE("wrap puts the script inside the catch wrapper, verbatim", "[openocd][tcl]") {
  CHECK(wrap("nosuchcmd") ==
        "if {[catch {nosuchcmd} r]} {set r \"ERR:$r\"} else {set r \"OK:$r\"}");
  CHECK(wrap("program {/tmp/a b.hex} verify") ==
        "if {[catch {program {/tmp/a b.hex} verify} r]} {set r \"ERR:$r\"} else "
        "{set r \"OK:$r\"}");
  CHECK(wrap("echo \\{") == "if {[catch {echo \\{} r]} {set r \"ERR:$r\"} else {set r \"OK:$r\"}");
}

TEST_CASE("parse_reply splits OK and ERR and rejects unwrapped replies", "[openocd][tcl]") {
  auto ok = parse_reply("OK:6", "expr 2*3");
  CHECK(ok.ok);
  CHECK(ok.result == "6");
  auto empty = parse_reply("OK:", "echo hi");
  CHECK(empty.ok);
  CHECK(empty.result.empty());
  auto err = parse_reply("ERR:invalid command name \"nosuchcmd\"", "nosuchcmd");
  CHECK_FALSE(err.ok);
  CHECK(err.result == "invalid command name \"nosuchcmd\"");
  auto multi = parse_reply("OK:line1\nline2", "targets");
  CHECK(multi.result == "line1\nline2");
  try {
    parse_reply("Open On-Chip Debugger 0.12.0", "version");
    FAIL("accepted an unwrapped reply");
  } catch (const ProbeError& e) {
    CHECK(e.code() == ProbeErrc::protocol);
    CHECK_THAT(e.what(), Catch::Contains("'version'") && Catch::Contains("OK:/ERR:") &&
                             Catch::Contains("Open On-Chip"));
  }
  CHECK_THROWS_AS(parse_reply("", "shutdown"), ProbeError);
}

TEST_CASE("scripts that would break the wrapper or the frame are refused", "[openocd][tcl]") {
  CHECK_THROWS_WITH(wrap("echo }"), Catch::Contains("unbalanced '}' at offset 5"));
  CHECK_THROWS_WITH(wrap("echo {a"), Catch::Contains("1 unclosed '{'"));
  CHECK_THROWS_WITH(wrap("echo a\\"), Catch::Contains("lone backslash"));
  CHECK_THROWS_WITH(wrap(std::string("echo \x1a")), Catch::Contains("byte 0x1a at offset 5"));
  CHECK_THROWS_WITH(wrap(std::string("echo \0x", 7)), Catch::Contains("byte 0x00 at offset 5"));
  CHECK_THROWS_WITH(wrap(std::string(kMaxFrame, 'a')), Catch::Contains("over OpenOCD's 4 MiB"));
  try {
    wrap("} evil {");
    FAIL("accepted unbalanced braces");
  } catch (const ProbeError& e) {
    CHECK(e.code() == ProbeErrc::protocol);
    CHECK_THAT(e.what(), Catch::Contains("Tcl command '} evil {'"));
  }
  CHECK_NOTHROW(wrap("if {1} {echo {a {b}}}"));
}

TEST_CASE("brace quotes plain text and rejects what Tcl quoting cannot carry", "[openocd][tcl]") {
  CHECK(brace("/tmp/run 1/fw.hex", "path") == "{/tmp/run 1/fw.hex}");
  CHECK(brace("a$b[c]\"d;e", "path") == "{a$b[c]\"d;e}");  // literal inside braces
  CHECK(brace("", "path") == "{}");
  const std::vector<std::string> bad_texts = {"a{b",
                                              "a}b",
                                              "a\\b",
                                              "a\nb",
                                              "a\x1a"
                                              "b",
                                              "a\x7f"};
  for (const std::string& bad : bad_texts) {
    try {
      brace(bad, "HEX file path");
      FAIL("accepted '" << bad << "'");
    } catch (const ProbeError& e) {
      CHECK(e.code() == ProbeErrc::protocol);
      CHECK_THAT(e.what(), Catch::StartsWith("HEX file path '") && Catch::Contains("at offset 1"));
    }
  }
}

TEST_CASE("describe keeps the first line and marks cuts", "[openocd][tcl]") {
  CHECK(describe("version") == "version");
  CHECK(describe("a\nb") == "a...");
  CHECK(describe(std::string(100, 'x'), 10) == "xxxxxxxxxx...");
}
