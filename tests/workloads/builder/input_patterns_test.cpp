#include "builder/input_patterns.h"

#include <catch2/catch.hpp>
#include <set>

#include "common/crc32.h"

using tr::workloads::make_pattern_input;
using tr::workloads::make_random_input;
using tr::workloads::Pattern;

namespace {

uint32_t crc(const std::vector<int8_t>& v) {
  return tr::crc32(reinterpret_cast<const uint8_t*>(v.data()), v.size());
}

}  // namespace

TEST_CASE("pattern formulas (tflite-format.md §3.6)", "[patterns]") {
  const auto p0 = make_pattern_input(Pattern::p0, 40, 0);
  CHECK(p0[0] == -125);  // (0 + 3) - 128
  CHECK(p0[1] == -118);  // 10 - 128
  CHECK(p0[37] == static_cast<int8_t>(262 % 256 - 128));
  const auto p1 = make_pattern_input(Pattern::p1, 5, -17);
  CHECK(p1 == std::vector<int8_t>(5, -17));
  const auto p2 = make_pattern_input(Pattern::p2, 3, 0);
  CHECK(p2[0] == -128);
  CHECK(p2[1] == static_cast<int8_t>(((2654435761u >> 13) % 256) - 128));
  CHECK(p2[2] == static_cast<int8_t>((((2u * 2654435761u) >> 13) % 256) - 128));
  CHECK_THROWS_AS(make_pattern_input(Pattern::p1, 4, 300), std::invalid_argument);
}

TEST_CASE("pattern inputs match the golden input CRCs of the four MLPerf models", "[patterns]") {
  struct Row {
    size_t n;
    int32_t zero_point;
    uint32_t p0, p1, p2;
  };
  const Row rows[] = {
      {49 * 10, 83, 0x55415495, 0x530185f3, 0x402db036},        // KWS
      {96 * 96 * 3, -128, 0xc4ae6005, 0xdd205dc2, 0x654e32ea},  // VWW
      {32 * 32 * 3, -128, 0xc74024b8, 0xce1cc816, 0xbebfbf8c},  // IC
      {640, 89, 0xf2ba854b, 0xf31a3dd4, 0x4b8fa37a},            // AD
  };
  for (const Row& r : rows) {
    INFO("n = " << r.n);
    CHECK(crc(make_pattern_input(Pattern::p0, r.n, r.zero_point)) == r.p0);
    CHECK(crc(make_pattern_input(Pattern::p1, r.n, r.zero_point)) == r.p1);
    CHECK(crc(make_pattern_input(Pattern::p2, r.n, r.zero_point)) == r.p2);
  }
}

TEST_CASE("random inputs are deterministic and cover the int8 range", "[patterns]") {
  const auto a = make_random_input(42, 4096);
  CHECK(a == make_random_input(42, 4096));
  CHECK(a != make_random_input(43, 4096));
  CHECK(crc(a) == 0x11c3f21du);  // computed once and committed
  const std::set<int8_t> values(a.begin(), a.end());
  CHECK(values.size() == 256);
}
