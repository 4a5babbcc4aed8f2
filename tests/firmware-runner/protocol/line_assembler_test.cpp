#include "protocol/line_assembler.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

using tr::fw::LineAssembler;

namespace {

// Feeds `bytes`; returns each completed command, "<too long>" for discarded ones.
std::vector<std::string> feed_all(LineAssembler& a, const std::string& bytes) {
  std::vector<std::string> out;
  for (char c : bytes) {
    switch (a.feed(c)) {
      case LineAssembler::Event::none:
        break;
      case LineAssembler::Event::command:
        out.emplace_back(a.text(), a.size());
        break;
      case LineAssembler::Event::too_long:
        out.emplace_back("<too long>");
        break;
    }
  }
  return out;
}

}  // namespace

TEST_CASE("a '%' completes a command", "[protocol][line_assembler]") {
  LineAssembler a;
  CHECK(feed_all(a, "name%profile%") == std::vector<std::string>{"name", "profile"});
}

TEST_CASE("leading CR, LF, NUL and spaces are ignored", "[protocol][line_assembler]") {
  LineAssembler a;
  std::string bytes = "name%\r\n";
  bytes += '\0';
  bytes += "  db load 4%";
  CHECK(feed_all(a, bytes) == std::vector<std::string>{"name", "db load 4"});
}

TEST_CASE("bytes after the first character are kept as sent", "[protocol][line_assembler]") {
  LineAssembler a;
  CHECK(feed_all(a, "na\rme %") == std::vector<std::string>{"na\rme "});
}

TEST_CASE("a command split across feeds is assembled", "[protocol][line_assembler]") {
  LineAssembler a;
  CHECK(feed_all(a, "db lo").empty());
  CHECK(feed_all(a, "ad 1").empty());
  CHECK(feed_all(a, "0%") == std::vector<std::string>{"db load 10"});
}

TEST_CASE("79 characters fit, 80 are discarded whole", "[protocol][line_assembler]") {
  LineAssembler a;
  std::string max(LineAssembler::kMaxChars, 'a');
  CHECK(feed_all(a, max + "%") == std::vector<std::string>{max});
  CHECK(feed_all(a, max + "b%name%") == std::vector<std::string>{"<too long>", "name"});
}

TEST_CASE("leading filler does not count towards the limit", "[protocol][line_assembler]") {
  LineAssembler a;
  std::string max(LineAssembler::kMaxChars, 'a');
  CHECK(feed_all(a, "\r\n\r\n    " + max + "%") == std::vector<std::string>{max});
}

TEST_CASE("an empty command is reported as such", "[protocol][line_assembler]") {
  LineAssembler a;
  CHECK(feed_all(a, "\r\n%") == std::vector<std::string>{""});
}
