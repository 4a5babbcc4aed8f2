#include "conv_vectors.h"

#include <catch2/catch.hpp>
#include <cstring>
#include <fstream>

#include "support/test_paths.h"

namespace tr::test {
namespace {

using workloads::FbObject;

uint8_t activation_code(const std::string& s) {
  if (s == "RELU") return 1;
  if (s == "RELU_N1_TO_1") return 2;
  if (s == "RELU6") return 3;
  REQUIRE(s == "NONE");
  return 0;
}

std::vector<uint8_t> bytes_of(const std::vector<int8_t>& v) {
  return {v.begin(), v.end()};
}

}  // namespace

const nlohmann::json& conv_vectors() {
  static const nlohmann::json doc = [] {
    std::ifstream in(source_dir() / "tests/firmware-runner/engine/vectors/conv_vectors.json");
    REQUIRE(in.good());
    return nlohmann::json::parse(in);
  }();
  return doc;
}

std::vector<int8_t> int8_values(const nlohmann::json& values) {
  std::vector<int8_t> out;
  for (int v : values) out.push_back(static_cast<int8_t>(v));
  return out;
}

FbObject conv_options(const nlohmann::json& c, bool depthwise) {
  const uint8_t padding = c["padding"] == "VALID" ? 1 : 0;
  // Conv2DOptions: padding, stride_w, stride_h, activation, dilation_w, dilation_h.
  // DepthwiseConv2DOptions: padding, stride_w, stride_h, depth_multiplier, activation, ...
  const int shift = depthwise ? 1 : 0;
  FbObject o = FbObject::table();
  o.add_scalar<uint8_t>(0, padding);
  o.add_scalar<int32_t>(1, c["stride_w"].get<int32_t>());
  o.add_scalar<int32_t>(2, c["stride_h"].get<int32_t>());
  if (depthwise) o.add_scalar<int32_t>(3, c["depth_multiplier"].get<int32_t>());
  o.add_scalar<uint8_t>(3 + shift, activation_code(c["activation"]));
  o.add_scalar<int32_t>(4 + shift, c["dilation_w"].get<int32_t>());
  o.add_scalar<int32_t>(5 + shift, c["dilation_h"].get<int32_t>());
  return o;
}

void build_conv_case(SingleOpGraph& g, const nlohmann::json& c, bool depthwise) {
  const auto filter_shape = c["filter_shape"].get<std::vector<int32_t>>();
  const int in = g.add_tensor({c["input_shape"].get<std::vector<int32_t>>(),
                               engine::TensorType::int8,
                               {c["input_scale"].get<float>()},
                               {c["input_zero_point"].get<int64_t>()},
                               0,
                               {}});
  const auto scales = c["filter_scales"].get<std::vector<float>>();
  const int filter = g.add_tensor({filter_shape, engine::TensorType::int8, scales,
                                   std::vector<int64_t>(scales.size(), 0), depthwise ? 3 : 0,
                                   bytes_of(int8_values(c["filter"]))});
  int bias = -1;
  if (!c["bias"].is_null()) {
    const auto b = c["bias"].get<std::vector<int32_t>>();
    std::vector<uint8_t> data(b.size() * 4);
    std::memcpy(data.data(), b.data(), data.size());
    bias = g.add_tensor(
        {{static_cast<int32_t>(b.size())}, engine::TensorType::int32, {}, {}, 0, data});
  }
  const int out = g.add_tensor({c["output_shape"].get<std::vector<int32_t>>(),
                                engine::TensorType::int8,
                                {c["output_scale"].get<float>()},
                                {c["output_zero_point"].get<int64_t>()},
                                0,
                                {}});
  g.set_operator(depthwise ? 4 : 3, {in, filter, bias}, {out}, depthwise ? 2 : 1,
                 conv_options(c, depthwise));
}

}  // namespace tr::test
