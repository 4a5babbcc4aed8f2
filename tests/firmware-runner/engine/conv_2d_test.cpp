// CONV_2D through the op's own prepare and eval (one-op graphs) against
// vectors/conv_vectors.json, the per-channel multiplier rule (§6) and prepare's errors.
#include "engine/ops/conv_2d.h"

#include <catch2/catch.hpp>
#include <string>

#include "conv_vectors.h"
#include "engine/ops/conv_common.h"
#include "engine/quantization.h"

using nlohmann::json;
using tr::Status;
using tr::engine::conv_channel_multiplier;
using tr::engine::QuantizedMultiplier;
using tr::test::SingleOpGraph;

namespace {

// Prepares a CONV_2D case and returns the status (the graph keeps the error text).
Status prepare_case(SingleOpGraph& g, const json& c) {
  tr::test::build_conv_case(g, c, false);
  return g.prepare();
}

void require_error(const json& c, Status status, const std::string& text) {
  SingleOpGraph g;
  const Status s = prepare_case(g, c);
  INFO(g.err().c_str());
  CHECK(s == status);
  CHECK_THAT(g.err().c_str(), Catch::Contains("operator 0 (CONV_2D): ") && Catch::Contains(text));
}

}  // namespace

TEST_CASE("conv multipliers use a double product (§6 KWS worked example)", "[conv]") {
  QuantizedMultiplier q;
  REQUIRE(conv_channel_multiplier(0.5847029089927673f, 0.0013318449491634965f, 0.07872539758682251f,
                                  q));
  CHECK(q.multiplier == 1359514674);
  CHECK(q.shift == -6);
  // 6x3 in-bounds taps sum to 15039, bias -164: acc 14875 -> 147, + z_out -128 = 19.
  CHECK(tr::engine::mbqm(14875, q.multiplier, q.shift) - 128 == 19);
}

TEST_CASE("conv multipliers match the independent table", "[conv]") {
  const auto& rows = tr::test::conv_vectors()["multipliers"];
  REQUIRE(rows.size() >= 20);
  for (const auto& r : rows) {
    INFO(r.dump());
    QuantizedMultiplier q;
    REQUIRE(conv_channel_multiplier(r["input_scale"].get<float>(), r["filter_scale"].get<float>(),
                                    r["output_scale"].get<float>(), q));
    CHECK(q.multiplier == r["multiplier"].get<int32_t>());
    CHECK(q.shift == r["shift"].get<int32_t>());
    const auto accs = r["accumulators"].get<std::vector<int32_t>>();
    const auto expected = r["mbqm"].get<std::vector<int32_t>>();
    for (size_t i = 0; i < accs.size(); ++i) {
      CHECK(tr::engine::mbqm(accs[i], q.multiplier, q.shift) == expected[i]);
    }
  }
  QuantizedMultiplier q;
  CHECK_FALSE(conv_channel_multiplier(0.5f, -0.25f, 0.1f, q));  // negative filter scale
  CHECK_FALSE(conv_channel_multiplier(1.0f, 1.0f, 1e-12f, q));  // needs a left shift above 30
}

TEST_CASE("CONV_2D matches the independent reference vectors bit for bit", "[conv]") {
  const auto& cases = tr::test::conv_vectors()["conv"];
  REQUIRE(cases.size() >= 20);
  size_t checked = 0;
  for (const auto& c : cases) {
    INFO("case " << c["name"].get<std::string>());
    SingleOpGraph g;
    const Status s = prepare_case(g, c);
    INFO(g.err().c_str());
    REQUIRE(s == Status::ok);
    const std::vector<int8_t> got = g.run(tr::test::int8_values(c["input"]));
    const auto expected = c["expected"].get<std::vector<int>>();
    REQUIRE(got.size() == expected.size());
    for (size_t i = 0; i < got.size(); ++i) {
      INFO("output " << i);
      CHECK(static_cast<int>(got[i]) == expected[i]);
    }
    checked += got.size();
  }
  CHECK(checked > 500);
}

TEST_CASE("CONV_2D prepare names what is wrong", "[conv][errors]") {
  const json base = tr::test::conv_vectors()["conv"][0];
  {
    json c = base;
    c["stride_h"] = 0;
    require_error(c, Status::bad_model, "stride_h 0 must be at least 1");
  }
  {
    json c = base;
    c["dilation_w"] = -2;
    require_error(c, Status::bad_model, "dilation_w_factor -2 must be at least 1");
  }
  {
    json c = base;
    c["output_shape"][1] = c["output_shape"][1].get<int>() + 1;
    require_error(c, Status::bad_model, "output shape [");
  }
  {
    json c = base;  // a 9x9 window on a 7x6 input cannot be VALID
    c["padding"] = "VALID";
    c["dilation_h"] = 4;
    require_error(c, Status::bad_model, "does not fit input height 7 with VALID padding");
  }
  {
    json c = base;
    c["bias"].push_back(1);
    require_error(c, Status::bad_model, "bias shape [");
  }
  {
    json c = base;
    c["filter_scales"].push_back(0.5);
    require_error(c, Status::bad_model, "scales along dim 0, expected 1 or");
  }
  {
    json c = base;
    c["filter_scales"][1] = -0.5;
    require_error(c, Status::bad_model, "channel 1 effective scale is not representable");
  }
  {
    json c = base;  // 3 filter channels cannot split the input's channels into groups
    const int c_in = c["input_shape"][3].get<int>();
    c["filter_shape"][3] = c_in + 1;
    c["filter"] = std::vector<int>(
        static_cast<size_t>(c["filter_shape"][0].get<int>() * c["filter_shape"][1].get<int>() *
                            c["filter_shape"][2].get<int>() * (c_in + 1)),
        1);
    require_error(c, Status::bad_model, "do not form whole groups");
  }
}

TEST_CASE("CONV_2D prepare rejects missing options, bad enums and operand types",
          "[conv][errors]") {
  const json base = tr::test::conv_vectors()["conv"][0];
  {
    SingleOpGraph g;
    tr::test::build_conv_case(g, base, false);
    g.set_operator(3, {0, 1, 2}, {3});  // no options table
    CHECK(g.prepare() == Status::bad_model);
    CHECK_THAT(g.err().c_str(), Catch::Contains("has no Conv2DOptions table"));
  }
  {
    SingleOpGraph g;
    tr::test::build_conv_case(g, base, false);
    tr::workloads::FbObject options = tr::workloads::FbObject::table();
    options.add_scalar<uint8_t>(0, 7);  // padding: neither SAME (0) nor VALID (1)
    options.add_scalar<int32_t>(1, 1);
    options.add_scalar<int32_t>(2, 1);
    g.set_operator(3, {0, 1, 2}, {3}, 1, options);
    CHECK(g.prepare() == Status::bad_model);
    CHECK_THAT(g.err().c_str(), Catch::Contains("padding 7 is neither SAME nor VALID"));
  }
  {
    SingleOpGraph g;
    tr::test::build_conv_case(g, base, false);
    tr::workloads::FbObject options = tr::test::conv_options(base, false);
    g.set_operator(3, {0, 1, 2}, {3}, 2, options);  // a DepthwiseConv2DOptions union id
    CHECK(g.prepare() == Status::bad_model);
    CHECK_THAT(g.err().c_str(), Catch::Contains("has no Conv2DOptions table"));
  }
  {
    SingleOpGraph g;
    tr::test::build_conv_case(g, base, false);
    g.set_operator(3, {0, 2, 1}, {3}, 1, tr::test::conv_options(base, false));  // swapped
    CHECK(g.prepare() == Status::unsupported);
    CHECK_THAT(g.err().c_str(), Catch::Contains("filter tensor 2 is INT32, only INT8"));
  }
  {
    SingleOpGraph g;
    tr::test::build_conv_case(g, base, false);
    g.set_operator(3, {0}, {3}, 1, tr::test::conv_options(base, false));
    CHECK(g.prepare() == Status::bad_model);
    CHECK_THAT(g.err().c_str(), Catch::Contains("needs input, filter, optional bias"));
  }
}
