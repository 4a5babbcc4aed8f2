#include "protocol/tokens.h"

#include <catch2/catch.hpp>
#include <cstring>
#include <string>

using tr::fw::Token;
using tr::fw::Tokens;

namespace {
std::string str(const Token& t) {
  return std::string(t.data, t.size);
}
Tokens split(const char* s) {
  return Tokens(s, std::strlen(s));
}
}  // namespace

TEST_CASE("tokens are separated by one or more spaces", "[protocol][tokens]") {
  Tokens t = split("  db   load 490 ");
  REQUIRE(t.total() == 3);
  CHECK(str(t[0]) == "db");
  CHECK(str(t[1]) == "load");
  CHECK(str(t[2]) == "490");
  CHECK(t[3].empty());
}

TEST_CASE("an empty or blank command has no tokens", "[protocol][tokens]") {
  CHECK(split("").total() == 0);
  CHECK(split("    ").total() == 0);
}

TEST_CASE("surplus tokens are counted but not kept", "[protocol][tokens]") {
  Tokens t = split("a b c d e f g h i j");
  CHECK(t.total() == 10);
  CHECK(str(t[Tokens::kMax - 1]) == "h");
  CHECK(t[Tokens::kMax].empty());
}

TEST_CASE("token comparison is exact", "[protocol][tokens]") {
  Tokens t = split("name names nam tr-id");
  CHECK(t[0].is("name"));
  CHECK_FALSE(t[1].is("name"));
  CHECK_FALSE(t[2].is("name"));
  CHECK(t[3].starts_with("tr-"));
  CHECK_FALSE(t[2].starts_with("name"));
}

TEST_CASE("embedded NULs stay inside a token", "[protocol][tokens]") {
  const char text[] = {'n', 'a', '\0', 'm', 'e'};
  Tokens t(text, sizeof text);
  REQUIRE(t.total() == 1);
  CHECK(t[0].size == 5);
  CHECK_FALSE(t[0].is("na"));
}
