// `db load`, `db <hex>` and `db print`: transcripts, errors and buffer bounds.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "runner_rig.h"

using tr::fw::test::lines;
using tr::fw::test::RigOptions;
using tr::fw::test::RunnerRig;

TEST_CASE("db load, db hex chunks and load-done", "[protocol][db]") {
  RunnerRig rig;
  CHECK(rig.send("db load 5%") == lines({"m-[Expecting 5 bytes]", "m-ready"}));
  CHECK(rig.send("db 0a1B%") == lines({"m-ready"}));
  CHECK(rig.send("db ff00%") == lines({"m-ready"}));
  CHECK(rig.send("db 7f%") == lines({"m-load-done", "m-ready"}));
  CHECK(std::vector<uint8_t>(rig.input_slot(), rig.input_slot() + 5) ==
        std::vector<uint8_t>{0x0a, 0x1b, 0xff, 0x00, 0x7f});
}

TEST_CASE("digits beyond N are ignored", "[protocol][db]") {
  RunnerRig rig;
  rig.send("db load 2%");
  CHECK(rig.send("db 01020304%") == lines({"m-load-done", "m-ready"}));
  CHECK(rig.input_slot()[1] == 0x02);
  CHECK(rig.input_slot()[2] == 0x00);  // never written
}

TEST_CASE("db print shows the loaded bytes, 8 per line", "[protocol][db]") {
  RunnerRig rig;
  rig.send("db load 10%");
  rig.send("db 00112233445566778899%");
  CHECK(rig.send("db print%") ==
        lines({"m-buffer-00-11-22-33-44-55-66-77", "m-buffer-88-99", "m-ready"}));
  // The reference's arguments are accepted and ignored.
  CHECK(rig.send("db print 16 0%") ==
        lines({"m-buffer-00-11-22-33-44-55-66-77", "m-buffer-88-99", "m-ready"}));
}

TEST_CASE("db print during a load shows what has arrived", "[protocol][db]") {
  RunnerRig rig;
  CHECK(rig.send("db print%") == lines({"m-ready"}));
  rig.send("db load 4%");
  rig.send("db abcd%");
  CHECK(rig.send("db print%") == lines({"m-buffer-ab-cd", "m-ready"}));
}

TEST_CASE("db load argument errors", "[protocol][db]") {
  RunnerRig rig;
  CHECK(rig.send("db load%") ==
        lines({"e-[Command 'db load' requires the # of bytes]", "m-ready"}));
  CHECK(rig.send("db load 0%") == lines({"e-[Command 'db load' must be >0 bytes]", "m-ready"}));
  CHECK(rig.send("db load ten%") ==
        lines({"e-[Command 'db load' needs a decimal # of bytes, got 'ten']", "m-ready"}));
  CHECK(rig.send("db load -4%") ==
        lines({"e-[Command 'db load' needs a decimal # of bytes, got '-4']", "m-ready"}));
  CHECK(rig.send("db load 4 4%") ==
        lines({"e-[Command 'db load' takes one argument: the # of bytes]", "m-ready"}));
  CHECK(rig.send("db%") ==
        lines({"e-[Command 'db' requires 'load N', 'print' or hex digits]", "m-ready"}));
}

TEST_CASE("db load beyond the slot is refused and a following db cannot overflow",
          "[protocol][db]") {
  RunnerRig rig;  // input slot: 64 bytes
  CHECK(rig.send("db load 65%") ==
        lines({"e-[Supplied buffer size 65 exceeds maximum of 64]", "m-ready"}));
  CHECK(rig.send("db load 99999999999%") ==
        lines({"e-[Supplied buffer size 99999999999 exceeds maximum of 64]", "m-ready"}));
  std::string hex(76, 'e');  // 38 bytes per line, the most a command can carry
  for (int i = 0; i < 4; ++i) {
    CHECK(rig.send("db " + hex + "%") ==
          lines({"e-[Command 'db' needs an active 'db load N' first]", "m-ready"}));
  }
  CHECK(rig.input_slot()[0] == 0);
  CHECK(rig.guards_intact());
  // Exactly the capacity is fine and fills the slot to the last byte, not past it.
  CHECK(rig.send("db load 64%") == lines({"m-[Expecting 64 bytes]", "m-ready"}));
  rig.send("db " + hex + "%");
  CHECK(rig.send("db " + hex + "%") == lines({"m-load-done", "m-ready"}));
  CHECK(rig.input_slot()[63] == 0xee);
  CHECK(rig.guards_intact());
}

TEST_CASE("db without an active load", "[protocol][db]") {
  RunnerRig rig;
  CHECK(rig.send("db 0102%") ==
        lines({"e-[Command 'db' needs an active 'db load N' first]", "m-ready"}));
  // A completed load is no longer active.
  rig.send("db load 1%");
  rig.send("db 01%");
  CHECK(rig.send("db 02%") ==
        lines({"e-[Command 'db' needs an active 'db load N' first]", "m-ready"}));
}

TEST_CASE("odd and invalid hex digits store nothing", "[protocol][db]") {
  RunnerRig rig;
  rig.send("db load 4%");
  CHECK(rig.send("db 010%") == lines({"e-[Insufficent number of hex digits]", "m-ready"}));
  CHECK(rig.send("db 01zz%") == lines({"e-[Invalid hex digit 'zz']", "m-ready"}));
  CHECK(rig.send("db 0g01%") == lines({"e-[Invalid hex digit '0g']", "m-ready"}));
  CHECK(rig.send("db print%") == lines({"m-ready"}));  // nothing was stored
  CHECK(rig.send("db 01 02%") ==
        lines({"e-[Command 'db' takes one run of hex digits without spaces]", "m-ready"}));
  // The load is still active and completes normally.
  CHECK(rig.send("db 01020304%") == lines({"m-load-done", "m-ready"}));
}

TEST_CASE("a new db load drops the previous input", "[protocol][db]") {
  RunnerRig rig;
  rig.send("db load 2%");
  rig.send("db 0102%");
  CHECK(rig.send("db load 0%") == lines({"e-[Command 'db load' must be >0 bytes]", "m-ready"}));
  CHECK(rig.send("db print%") == lines({"m-ready"}));
}

TEST_CASE("a slot without memory accepts no load", "[protocol][db]") {
  RigOptions o;
  o.input_capacity = 0;
  RunnerRig rig(o);
  CHECK(rig.send("db load 1%") ==
        lines({"e-[Supplied buffer size 1 exceeds maximum of 0]", "m-ready"}));
}
