#include <catch2/catch.hpp>

#include "session/board_session.h"

using tr::harness::instructions_per_inference;

TEST_CASE("timer ticks convert to instructions under -icount", "[session]") {
  // shift 0: 1 ns per instruction; a 25 MHz timer ticks every 40 ns = 40 instructions.
  CHECK(instructions_per_inference(150000, 25000000, 0, 1) == Approx(6000000));
  // The fact sheet's shift=2 row: 600000 CMSDK ticks at 25 MHz for 6.0 M instructions.
  CHECK(instructions_per_inference(600000, 25000000, 2, 1) == Approx(6000000));
  CHECK(instructions_per_inference(32000, 32000000, 0, 4) == Approx(250000));  // 1 ms / 4
  CHECK(instructions_per_inference(100, 0, 0, 1) == 0);
  CHECK(instructions_per_inference(100, 25000000, 0, 0) == 0);
}
