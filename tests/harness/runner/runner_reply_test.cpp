#include "runner/runner_reply.h"

#include <catch2/catch.hpp>

using tr::harness::RunnerReply;

TEST_CASE("tr lines parse into key and value", "[runner_reply]") {
  auto kv = tr::harness::parse_tr_line("m-tr-model_slot-[0x20300000,983040]");
  REQUIRE(kv);
  CHECK(kv->first == "model_slot");
  CHECK(kv->second == "0x20300000,983040");
  CHECK_FALSE(tr::harness::parse_tr_line("m-tr--[x]"));
  CHECK_FALSE(tr::harness::parse_tr_line("m-tr-Key-[x]"));
  CHECK_FALSE(tr::harness::parse_tr_line("m-tr-key-[x"));
  CHECK_FALSE(tr::harness::parse_tr_line("m-name-dut-[tinyrack]"));
}

TEST_CASE("lap lines need digits only", "[runner_reply]") {
  CHECK(tr::harness::parse_lap_us("m-lap-us-250900590") == 250900590u);
  CHECK_FALSE(tr::harness::parse_lap_us("m-lap-us-"));
  CHECK_FALSE(tr::harness::parse_lap_us("m-lap-us-12x"));
  CHECK_FALSE(tr::harness::parse_lap_us("m-lap-ms-12"));
}

TEST_CASE("results lines tolerate the VWW trailing comma", "[runner_reply]") {
  auto r = tr::harness::parse_results_line("m-results-[0.000,0.761,0.234,]");
  REQUIRE(r);
  REQUIRE(r->size() == 3);
  CHECK((*r)[1] == Approx(0.761));
  CHECK_FALSE(tr::harness::parse_results_line("m-results-[0.1,abc]"));
  CHECK_FALSE(tr::harness::parse_results_line("m-results-0.1"));
}

TEST_CASE("a reply finds its error, values and laps", "[runner_reply]") {
  RunnerReply reply;
  reply.lines = {"m-warmup-start-1", "m-lap-us-10", "m-lap-us-25", "m-tr-laps-[1,2,3]",
                 "e-[No model loaded: send tr-model first]"};
  CHECK(reply.error() == "No model loaded: send tr-model first");
  CHECK(reply.tr_value("laps") == "1,2,3");
  CHECK_FALSE(reply.tr_value("out"));
  CHECK(reply.laps_us() == std::vector<uint64_t>{10, 25});
  CHECK(reply.has_line("m-warmup-start-1"));
  RunnerReply clean;
  clean.lines = {"m-name-dut-[tinyrack]"};
  CHECK_FALSE(clean.error());
}

TEST_CASE("results lines read the KWS reference's 1.0 printed as 0.1000", "[runner_reply]") {
  auto r = tr::harness::parse_results_line("m-results-[0.000,0.1000,0.000,0.250]");
  REQUIRE(r);
  CHECK(*r == std::vector<double>{0.0, 1.0, 0.0, 0.25});
  // First field the odd one: the line's precision comes from the others.
  auto first = tr::harness::parse_results_line("m-results-[0.1000,0.000,0.000]");
  REQUIRE(first);
  CHECK((*first)[0] == 1.0);
  // A firmware that prints 4 decimals throughout means what it says.
  auto four = tr::harness::parse_results_line("m-results-[0.1000,0.2500]");
  REQUIRE(four);
  CHECK((*four)[0] == Approx(0.1));
  // One value alone (the AD MSE) is taken as printed.
  auto mse = tr::harness::parse_results_line("m-results-[0.1000]");
  REQUIRE(mse);
  CHECK((*mse)[0] == Approx(0.1));
}
