#include "dataset/label_file.h"

#include <catch2/catch.hpp>

#include "config/config_error.h"

using namespace tr::dataset;
using Catch::Matchers::Contains;

namespace {

std::string error_of(const std::string& text) {
  try {
    parse_label_rows(text, "y_labels.csv");
  } catch (const tr::config::ConfigError& e) {
    return e.what();
  }
  FAIL("expected a ConfigError");
  return {};
}

}  // namespace

TEST_CASE("rows with ',' and ', ' separators, windows and blank lines", "[dataset][labels]") {
  const auto rows = parse_label_rows(
      "tst_000000_Stop_7.bin,12,7\r\n"
      "\n"
      "tst_000001_Yes_9.bin, 12, 9\n"
      "normal_id_01_00000003_hist_librosa.bin,2,0,2560,512\n"
      "anomaly.bin, 2, 1, 2560, 512",
      "y_labels.csv");
  REQUIRE(rows.size() == 4);
  CHECK(rows[0].file == "tst_000000_Stop_7.bin");
  CHECK(rows[0].classes == 12);
  CHECK(rows[0].label == 7);
  CHECK_FALSE(rows[0].window);
  CHECK(rows[0].line == 1);
  CHECK(rows[1].file == "tst_000001_Yes_9.bin");
  CHECK(rows[1].label == 9);
  CHECK(rows[1].line == 3);  // the blank line still counts
  REQUIRE(rows[2].window);
  CHECK(*rows[2].window == WindowColumns{2560, 512});
  CHECK(rows[3].label == 1);
  CHECK(*rows[3].window == WindowColumns{2560, 512});
}

TEST_CASE("bad rows name the line and what is wrong", "[dataset][labels]") {
  struct Case {
    std::string text;
    std::string problem;
  };
  const std::vector<Case> cases = {
      {"a.bin,12,7\nb.bin,12\n", "line 2: expected 3 fields"},
      {"a.bin,12,7,2560\n", "line 1: expected 3 fields"},
      {"a.bin,twelve,7\n", "class count 'twelve' is not a whole number"},
      {"a.bin,12,-1\n", "class '-1' is not a whole number"},
      {"a.bin,12,12\n", "class 12 is out of range for 12 classes"},
      {"a.bin,0,0\n", "class count 0 is out of range"},
      {",12,1\n", "the file name is empty"},
      {"../secret.bin,2,1\n", "leaves the dataset folder"},
      {"/etc/passwd,2,1\n", "must be relative"},
      {"a.bin,2,1,0,512\n", "bytes_to_send 0 is out of range"},
      {"a.bin,2,1,2560,x\n", "stride 'x' is not a whole number"},
  };
  for (const auto& c : cases) {
    INFO(c.text);
    const auto message = error_of(c.text);
    CHECK_THAT(message, Contains("y_labels.csv: line "));
    CHECK_THAT(message, Contains(c.problem));
  }
}

TEST_CASE("window counts follow MLPerf's rule", "[dataset][labels]") {
  // facts/dut-protocol.md §9: a 102400-byte AD file, 2560-byte windows, stride 512 -> 196.
  CHECK(window_count(102400, {2560, 512}) == 196);
  CHECK(window_count(2560, {2560, 512}) == 1);
  CHECK(window_count(3071, {2560, 512}) == 1);
  CHECK(window_count(3072, {2560, 512}) == 2);
  CHECK(window_count(2559, {2560, 512}) == 0);
}
