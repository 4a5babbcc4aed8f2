// PAD and PADV2 through the op's own prepare and eval (one-op graphs) against
// vectors/conv_vectors.json (int8-quantization.md §20), plus prepare's errors.
#include "engine/ops/pad.h"

#include <catch2/catch.hpp>
#include <cstring>
#include <string>

#include "conv_vectors.h"

using nlohmann::json;
using tr::Status;
using tr::engine::TensorType;
using tr::test::OpTensor;
using tr::test::SingleOpGraph;

namespace {

constexpr int32_t kPad = 34, kPadV2 = 60;

std::vector<uint8_t> paddings_bytes(const json& c) {
  std::vector<int64_t> flat;
  for (const auto& pair : c["paddings"]) {
    for (const auto& v : pair) flat.push_back(v.get<int64_t>());
  }
  if (c["paddings_type"] == "INT64") {
    std::vector<uint8_t> out(flat.size() * 8);
    std::memcpy(out.data(), flat.data(), out.size());
    return out;
  }
  std::vector<int32_t> narrow(flat.begin(), flat.end());
  std::vector<uint8_t> out(narrow.size() * 4);
  std::memcpy(out.data(), narrow.data(), out.size());
  return out;
}

// Tensors: 0 input, 1 paddings, 2 output, 3 constant value (PADV2 only).
void build_pad_case(SingleOpGraph& g, const json& c) {
  const float scale = c["output_scale"].get<float>();
  const int64_t zp = c["output_zero_point"].get<int64_t>();
  const auto rank = static_cast<int32_t>(c["input_shape"].size());
  const int in = g.add_tensor(
      {c["input_shape"].get<std::vector<int32_t>>(), TensorType::int8, {scale}, {zp}, 0, {}});
  const TensorType type = c["paddings_type"] == "INT64" ? TensorType::int64 : TensorType::int32;
  const int pads = g.add_tensor({{rank, 2}, type, {}, {}, 0, paddings_bytes(c)});
  const int out = g.add_tensor(
      {c["output_shape"].get<std::vector<int32_t>>(), TensorType::int8, {scale}, {zp}, 0, {}});
  if (c["op"] == "PADV2") {
    const auto value = static_cast<uint8_t>(static_cast<int8_t>(c["constant"].get<int>()));
    const int k = g.add_tensor({{1}, TensorType::int8, {scale}, {zp}, 0, {value}});
    g.set_operator(kPadV2, {in, pads, k}, {out}, 43, tr::workloads::FbObject::table());
  } else {
    g.set_operator(kPad, {in, pads}, {out});  // the converter may omit the empty PadOptions
  }
}

void require_error(const json& c, Status status, const std::string& text) {
  SingleOpGraph g;
  build_pad_case(g, c);
  const Status s = g.prepare();
  INFO(g.err().c_str());
  CHECK(s == status);
  CHECK_THAT(g.err().c_str(), Catch::Contains(" (PAD") && Catch::Contains(text));
}

}  // namespace

TEST_CASE("PAD and PADV2 match the independent reference vectors", "[pad]") {
  const auto& cases = tr::test::conv_vectors()["pad"];
  REQUIRE(cases.size() >= 12);
  size_t checked = 0, v2 = 0, int64_paddings = 0;
  for (const auto& c : cases) {
    INFO("case " << c["name"].get<std::string>());
    SingleOpGraph g;
    build_pad_case(g, c);
    const Status s = g.prepare();
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
    v2 += c["op"] == "PADV2" ? 1 : 0;
    int64_paddings += c["paddings_type"] == "INT64" ? 1 : 0;
  }
  CHECK(checked > 1000);
  CHECK(v2 >= 3);
  CHECK(int64_paddings >= 2);
}

TEST_CASE("PAD prepare names what is wrong", "[pad][errors]") {
  const json base = tr::test::conv_vectors()["pad"][3];  // rank 4, INT64 paddings, PAD
  REQUIRE(base["input_shape"].size() == 4);
  {
    json c = base;
    c["paddings"][1][0] = -1;
    require_error(c, Status::bad_model, "dim 1: input 1 padded by (-1, 1)");
  }
  {
    json c = base;
    c["output_shape"][3] = c["output_shape"][3].get<int>() + 1;
    require_error(c, Status::bad_model, "dim 3: input 4 padded by (0, 2) does not give output 7");
  }
  {
    json c = base;  // an int64 padding far outside int32
    c["paddings"][2][1] = int64_t{1} << 40;
    require_error(c, Status::bad_model, "dim 2: input 1 padded by (2, 1099511627776) does not");
  }
  {
    SingleOpGraph g;  // paddings computed at run time are not supported
    const int in = g.add_tensor({{2, 2}, TensorType::int8, {0.5f}, {1}, 0, {}});
    const int pads = g.add_tensor({{2, 2}, TensorType::int32, {}, {}, 0, {}});
    const int out = g.add_tensor({{3, 3}, TensorType::int8, {0.5f}, {1}, 0, {}});
    g.set_operator(kPad, {in, pads}, {out});
    CHECK(g.prepare() == Status::unsupported);
    CHECK_THAT(g.err().c_str(), Catch::Contains("paddings tensor 1 is not constant"));
  }
  {
    SingleOpGraph g;
    const int in = g.add_tensor({{2, 2}, TensorType::int8, {0.5f}, {1}, 0, {}});
    const int pads =
        g.add_tensor({{2, 2}, TensorType::float32, {}, {}, 0, std::vector<uint8_t>(16)});
    const int out = g.add_tensor({{2, 2}, TensorType::int8, {0.5f}, {1}, 0, {}});
    g.set_operator(kPad, {in, pads}, {out});
    CHECK(g.prepare() == Status::unsupported);
    CHECK_THAT(g.err().c_str(), Catch::Contains("paddings tensor 1 is FLOAT32, only INT32"));
  }
  {
    SingleOpGraph g;
    const int in = g.add_tensor({{2, 2}, TensorType::int8, {0.5f}, {1}, 0, {}});
    const int pads = g.add_tensor({{1, 2}, TensorType::int32, {}, {}, 0, std::vector<uint8_t>(8)});
    const int out = g.add_tensor({{2, 2}, TensorType::int8, {0.5f}, {1}, 0, {}});
    g.set_operator(kPad, {in, pads}, {out});
    CHECK(g.prepare() == Status::bad_model);
    CHECK_THAT(g.err().c_str(), Catch::Contains("paddings shape [1, 2] is not [2, 2]"));
  }
}

TEST_CASE("PADV2's constant must share the output's quantization", "[pad][errors]") {
  const json base = tr::test::conv_vectors()["pad"][1];  // PADV2
  REQUIRE(base["op"] == "PADV2");
  SingleOpGraph g;
  build_pad_case(g, base);
  REQUIRE(g.prepare() == Status::ok);
  // Same operator with a constant quantized differently (zero point + 1).
  SingleOpGraph wrong;
  build_pad_case(wrong, base);
  const int k = wrong.add_tensor({{1},
                                  TensorType::int8,
                                  {base["output_scale"].get<float>()},
                                  {base["output_zero_point"].get<int64_t>() + 1},
                                  0,
                                  {5}});
  wrong.set_operator(kPadV2, {0, 1, k}, {2}, 43, tr::workloads::FbObject::table());
  CHECK(wrong.prepare() == Status::bad_model);
  CHECK_THAT(wrong.err().c_str(),
             Catch::Contains("operator 0 (PADV2): constant value quantization differs"));
  // A two-element constant is rejected too.
  SingleOpGraph two;
  build_pad_case(two, base);
  const int k2 = two.add_tensor({{2},
                                 TensorType::int8,
                                 {base["output_scale"].get<float>()},
                                 {base["output_zero_point"].get<int64_t>()},
                                 0,
                                 {5, 6}});
  two.set_operator(kPadV2, {0, 1, k2}, {2}, 43, tr::workloads::FbObject::table());
  CHECK(two.prepare() == Status::unsupported);
  CHECK_THAT(two.err().c_str(), Catch::Contains("is not a constant with one element"));
}
