#include "common/crc32.h"

#include <catch2/catch.hpp>
#include <cstring>

TEST_CASE("crc32 matches the zlib check value", "[crc32]") {
  const char* s = "123456789";
  CHECK(tr::crc32(reinterpret_cast<const uint8_t*>(s), std::strlen(s)) == 0xCBF43926u);
}

TEST_CASE("crc32 of nothing is zero and updates compose", "[crc32]") {
  CHECK(tr::crc32(nullptr, 0) == 0u);
  const uint8_t data[] = {1, 2, 3, 4, 5, 6, 7, 8};
  uint32_t whole = tr::crc32(data, sizeof data);
  uint32_t part = tr::crc32_update(tr::crc32(data, 3), data + 3, 5);
  CHECK(whole == part);
}
