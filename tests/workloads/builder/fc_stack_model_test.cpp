#include "builder/fc_stack_model.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <set>

#include "builder/input_patterns.h"
#include "common/crc32.h"
#include "support/model_runner.h"

using tr::workloads::make_fc_stack_model;

namespace {

const std::vector<int> kAutoencoder = {640, 128, 128, 8, 128, 640};

}  // namespace

TEST_CASE("an FC stack model loads and gives varied, mostly unsaturated outputs", "[fcstack]") {
  tr::test::ModelRunner runner(make_fc_stack_model(1, kAutoencoder), 16 * 1024);
  const tr::Status s = runner.load();
  INFO(runner.err().c_str());
  REQUIRE(s == tr::Status::ok);
  CHECK(runner.interp().memory().operator_count == 5);
  const int32_t zp = runner.interp().input().zero_point;
  using tr::workloads::Pattern;
  for (auto input : {tr::workloads::make_pattern_input(Pattern::p0, 640, zp),
                     tr::workloads::make_pattern_input(Pattern::p2, 640, zp),
                     tr::workloads::make_random_input(9, 640)}) {
    const auto out = runner.run(input);
    REQUIRE(out.size() == 640);
    const std::set<int8_t> distinct(out.begin(), out.end());
    CHECK(distinct.size() >= 32);
    const auto saturated =
        std::count_if(out.begin(), out.end(), [](int8_t v) { return v == -128 || v == 127; });
    CHECK(saturated < 64);
  }
}

TEST_CASE("FC stack models are byte-for-byte deterministic", "[fcstack]") {
  const auto a = make_fc_stack_model(1, kAutoencoder);
  CHECK(a == make_fc_stack_model(1, kAutoencoder));
  CHECK(a != make_fc_stack_model(2, kAutoencoder));
  // Computed once and committed: any change to the writer or the generator shows up here.
  CHECK(a.size() == 189360u);
  CHECK(tr::crc32(a.data(), a.size()) == 0x7ac7d309u);
}

TEST_CASE("FC stack rejects impossible layer lists", "[fcstack]") {
  CHECK_THROWS_AS(make_fc_stack_model(1, {640}), std::invalid_argument);
  CHECK_THROWS_AS(make_fc_stack_model(1, {640, 0, 8}), std::invalid_argument);
}
