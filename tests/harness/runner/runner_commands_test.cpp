#include "runner/runner_commands.h"

#include <catch2/catch.hpp>

using namespace tr::harness;

TEST_CASE("tensor descriptions parse", "[runner_commands]") {
  TensorDescription t = parse_tensor_description("int8,1x640,640,0.391015,89");
  CHECK(t.type == "int8");
  CHECK(t.shape == std::vector<int32_t>{1, 640});
  CHECK(t.bytes == 640);
  CHECK(t.scale == Approx(0.391015));
  CHECK(t.zero_point == 89);
  CHECK_THROWS_AS(parse_tensor_description("int8,1x640,640"), RunnerError);
  CHECK_THROWS_AS(parse_tensor_description("int8,1xq,640,1,0"), RunnerError);
}

TEST_CASE("hex output bytes parse and reject junk", "[runner_commands]") {
  CHECK(parse_hex_bytes("00ff7f80") == std::vector<uint8_t>{0x00, 0xff, 0x7f, 0x80});
  CHECK(parse_hex_bytes("").empty());
  CHECK_THROWS_AS(parse_hex_bytes("abc"), RunnerError);
  CHECK_THROWS_WITH(parse_hex_bytes("00zz"), Catch::Contains("byte 1"));
}

TEST_CASE("numbers parse in decimal and 0x hex", "[runner_commands]") {
  CHECK(parse_number("983040", "x") == 983040u);
  CHECK(parse_number("0x20300000", "x") == 0x20300000u);
  CHECK_THROWS_WITH(parse_number("12abc", "the slot size"), Catch::Contains("the slot size"));
}
