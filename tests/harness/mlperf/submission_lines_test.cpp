// The submission checker's regexes (facts/dut-protocol.md §12), run over our lines.
#include "mlperf/submission_lines.h"

#include <catch2/catch.hpp>
#include <regex>
#include <string>
#include <vector>

using namespace tr::harness::mlperf;

namespace {

// The checker's patterns, verbatim; Python's re.match anchors at the start, and every pattern
// ends in .* or at its last group, so a whole-line match is the same test.
const std::regex kThroughput(R"(.* Median throughput is\s+([\d\.]+) inf\./sec\..*)");
const std::regex kTop1(R"(.* Top[- ]1%?\s?[:=] ([\d\.]+).*)");
const std::regex kAuc(R"(.* AUC\s?[:=] ([\d\.]+).*)");
// No leading .*: the line must start with it (labels may follow).
const std::regex kEnergy(R"(Median energy cost is ([\d\.]+) uJ/inf.*)");

std::string captured(const std::regex& re, const std::string& line) {
  std::smatch m;
  if (!std::regex_match(line, m, re)) return "<no match>";
  return m[1].str();
}

}  // namespace

TEST_CASE("the median throughput line is the runner's and the checker reads it",
          "[mlperf][submission]") {
  // The worked check of the fact sheet: 18 192 390 µs for 100 inferences -> 5.497 inf/s.
  const double t = throughput(269414673 - 251222283, 100);
  CHECK(t == Approx(5.49680).epsilon(1e-5));
  const std::string line = median_throughput_line(t);
  CHECK(line == "ulp-mlperf: Median throughput is      5.497 inf./sec.");
  CHECK(captured(kThroughput, line) == "5.497");
  // Wider than the field of 10: still one space before the number.
  CHECK(captured(kThroughput, median_throughput_line(12345678.5)) == "12345678.500");
  CHECK_THROWS_WITH(median_throughput_line(-1), Catch::Contains("median throughput"));
}

TEST_CASE("the median of window throughputs is Python's statistics.median",
          "[mlperf][submission]") {
  CHECK(median_throughput(std::vector<double>{5, 1, 3, 2, 4}) == 3);
  CHECK(median_throughput(std::vector<double>{4, 1, 3, 2}) == 2.5);
  CHECK(throughput(10862042, 250) == Approx(23.01593015383295));
  CHECK_THROWS_WITH(median_throughput(std::vector<double>{}), Catch::Contains("no windows"));
  CHECK_THROWS_WITH(throughput(0, 10), Catch::Contains("0 us"));
}

TEST_CASE("the top-1 and AUC lines match the checker's patterns", "[mlperf][submission]") {
  CHECK(top1_line(91.25) ==
        "ulp-mlperf: Top 1% = 91.2");  // exact in binary: ties to even, as Python
  CHECK(captured(kTop1, top1_line(91.25)) == "91.2");
  CHECK(top1_line(5) == "ulp-mlperf: Top 1% = 5.0");
  CHECK(captured(kTop1, top1_line(100)) == "100.0");
  CHECK(auc_line(0.86049) == "ulp-mlperf: AUC = 0.860");
  CHECK(captured(kAuc, auc_line(0.86049)) == "0.860");
  CHECK(captured(kAuc, auc_line(1)) == "1.000");
  CHECK_THROWS_WITH(top1_line(101), Catch::Contains("top-1 accuracy"));
  CHECK_THROWS_WITH(auc_line(std::nan("")), Catch::Contains("AUC"));
  // The patterns are not so loose that anything passes.
  CHECK(captured(kAuc, "ulp-mlperf: Top 1% = 91.2") == "<no match>");
  CHECK(captured(kTop1, "ulp-mlperf: AUC = 0.860") == "<no match>");
}

TEST_CASE("the median energy line starts the line as the checker's pattern requires",
          "[mlperf][submission]") {
  CHECK(median_energy_line(12.345678) == "Median energy cost is 12.3457 uJ/inf.");
  CHECK(captured(kEnergy, median_energy_line(12.345678)) == "12.3457");
  CHECK(captured(kEnergy, median_energy_line(0.5) + " [m7-0 kws] (modelled)") == "0.5000");
  CHECK(captured(kEnergy, "[m7-0 kws] " + median_energy_line(0.5)) == "<no match>");
  CHECK_THROWS_WITH(median_energy_line(-0.1), Catch::Contains("median energy"));
  CHECK_THROWS_WITH(median_energy_line(std::nan("")), Catch::Contains("median energy"));
}
