// DEPTHWISE_CONV_2D through the op's own prepare and eval (one-op graphs) against
// vectors/conv_vectors.json, plus the depth-multiplier rule (§7) and prepare's errors.
#include "engine/ops/depthwise_conv_2d.h"

#include <catch2/catch.hpp>
#include <string>

#include "conv_vectors.h"

using nlohmann::json;
using tr::Status;
using tr::test::SingleOpGraph;

namespace {

Status prepare_case(SingleOpGraph& g, const json& c) {
  tr::test::build_conv_case(g, c, true);
  return g.prepare();
}

void require_error(const json& c, Status status, const std::string& text) {
  SingleOpGraph g;
  const Status s = prepare_case(g, c);
  INFO(g.err().c_str());
  CHECK(s == status);
  CHECK_THAT(g.err().c_str(),
             Catch::Contains("operator 0 (DEPTHWISE_CONV_2D): ") && Catch::Contains(text));
}

// A case by name (the error tests need a bias and several channels per input channel).
const json& find_case(const std::string& name) {
  for (const auto& c : tr::test::conv_vectors()["depthwise"]) {
    if (c["name"] == name) return c;
  }
  FAIL("no depthwise case " << name);
  throw 0;
}

}  // namespace

TEST_CASE("DEPTHWISE_CONV_2D matches the independent reference vectors bit for bit",
          "[depthwise]") {
  const auto& cases = tr::test::conv_vectors()["depthwise"];
  REQUIRE(cases.size() >= 15);
  size_t checked = 0;
  size_t derived_multiplier = 0;
  for (const auto& c : cases) {
    INFO("case " << c["name"].get<std::string>());
    SingleOpGraph g;
    const Status s = prepare_case(g, c);
    INFO(g.err().c_str());
    REQUIRE(s == Status::ok);
    if (c["depth_multiplier"] == 0) ++derived_multiplier;
    const std::vector<int8_t> got = g.run(tr::test::int8_values(c["input"]));
    const auto expected = c["expected"].get<std::vector<int>>();
    REQUIRE(got.size() == expected.size());
    for (size_t i = 0; i < got.size(); ++i) {
      INFO("output " << i);
      CHECK(static_cast<int>(got[i]) == expected[i]);
    }
    checked += got.size();
  }
  CHECK(checked > 1000);
  CHECK(derived_multiplier >= 2);  // option 0: the multiplier comes from the shapes
}

TEST_CASE("DEPTHWISE_CONV_2D prepare checks the depth multiplier and filter layout",
          "[depthwise][errors]") {
  const json& base = find_case("multiplier_3_dilated");  // 2 input channels, dm 3
  REQUIRE(base["depth_multiplier"] == 3);
  {
    json c = base;
    c["depth_multiplier"] = 2;
    require_error(c, Status::bad_model, "depth_multiplier option 2 disagrees with");
  }
  {
    json c = base;  // 6 filter channels on 4 input channels
    c["input_shape"][3] = 4;
    c["input"] = std::vector<int>(static_cast<size_t>(7 * 7 * 4), 0);
    require_error(c, Status::bad_model, "filter channels 6 are not a multiple of input channels 4");
  }
  {
    json c = base;
    c["filter_shape"] = {3, 3, 1, 6};  // same element count, not [1, KH, KW, C_out]
    require_error(c, Status::bad_model, "filter shape [3, 3, 1, 6] is not [1, KH, KW, C_out]");
  }
  {
    SingleOpGraph g;
    tr::test::build_conv_case(g, base, true);
    g.set_operator(4, {0, 1, 2}, {3}, 1, tr::test::conv_options(base, true));
    CHECK(g.prepare() == Status::bad_model);
    CHECK_THAT(g.err().c_str(), Catch::Contains("has no DepthwiseConv2DOptions table"));
  }
}

TEST_CASE("DEPTHWISE_CONV_2D per-channel scales must run along dimension 3",
          "[depthwise][errors]") {
  const json& base = find_case("multiplier_3_dilated");
  REQUIRE(base["filter_scales"].size() == 6);
  SingleOpGraph g;
  tr::test::build_conv_case(g, base, true);
  REQUIRE(g.prepare() == Status::ok);
  // The same tensors with the scales declared along dim 0 (CONV_2D's axis).
  SingleOpGraph wrong;
  tr::test::build_conv_case(wrong, base, true);
  tr::test::OpTensor filter{base["filter_shape"].get<std::vector<int32_t>>(),
                            tr::engine::TensorType::int8,
                            base["filter_scales"].get<std::vector<float>>(),
                            std::vector<int64_t>(6, 0),
                            0,
                            std::vector<uint8_t>(54, 1)};
  const int f = wrong.add_tensor(filter);
  wrong.set_operator(4, {0, f, 2}, {3}, 2, tr::test::conv_options(base, true));
  CHECK(wrong.prepare() == Status::bad_model);
  CHECK_THAT(wrong.err().c_str(), Catch::Contains("6 scales along dim 0, expected 1 or 6"));
}
