#include "builder/model_spec_json.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "run/host_engine.h"

using nlohmann::json;
using tr::workloads::build_model_from_spec;
using tr::workloads::decode_base64;
using tr::workloads::ModelSpecError;

namespace {

std::string b64(const std::vector<uint8_t>& bytes) {
  static const char* kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  for (size_t i = 0; i < bytes.size(); i += 3) {
    uint32_t w = static_cast<uint32_t>(bytes[i]) << 16;
    if (i + 1 < bytes.size()) w |= static_cast<uint32_t>(bytes[i + 1]) << 8;
    if (i + 2 < bytes.size()) w |= bytes[i + 2];
    out += kAlphabet[w >> 18 & 63];
    out += kAlphabet[w >> 12 & 63];
    out += i + 1 < bytes.size() ? kAlphabet[w >> 6 & 63] : '=';
    out += i + 2 < bytes.size() ? kAlphabet[w & 63] : '=';
  }
  return out;
}

std::vector<uint8_t> int32_bytes(const std::vector<int32_t>& v) {
  std::vector<uint8_t> out(v.size() * 4);
  std::memcpy(out.data(), v.data(), out.size());
  return out;
}

// input [1,3,3,1] -> CONV_2D 3x3 SAME (1 filter of ones) -> AVERAGE_POOL_2D 3x3 -> RESHAPE [1,1]
json conv_pool_spec() {
  return json{
      {"format", "tinyrack-model-spec/1"},
      {"tensors",
       json::array(
           {{{"name", "in"}, {"shape", {1, 3, 3, 1}}, {"scale", {1.0}}, {"zero_point", {0}}},
            {{"name", "w"},
             {"shape", {1, 3, 3, 1}},
             {"scale", {1.0}},
             {"zero_point", {0}},
             {"data", b64(std::vector<uint8_t>(9, 1))}},
            {{"name", "b"},
             {"shape", {1}},
             {"type", "int32"},
             {"scale", {1.0}},
             {"zero_point", {0}},
             {"data", b64(int32_bytes({2}))}},
            {{"name", "conv"}, {"shape", {1, 3, 3, 1}}, {"scale", {1.0}}, {"zero_point", {0}}},
            {{"name", "pool"}, {"shape", {1, 1, 1, 1}}, {"scale", {1.0}}, {"zero_point", {0}}},
            {{"name", "out"}, {"shape", {1, 1}}, {"scale", {1.0}}, {"zero_point", {0}}}})},
      {"operators",
       json::array(
           {{{"op", "CONV_2D"},
             {"inputs", {0, 1, 2}},
             {"outputs", {3}},
             {"padding", "same"},
             {"activation", "relu"}},
            {{"op", "AVERAGE_POOL_2D"},
             {"inputs", {3}},
             {"outputs", {4}},
             {"filter", {3, 3}},
             {"stride", {1, 1}}},
            {{"op", "RESHAPE"}, {"inputs", {4}}, {"outputs", {5}}, {"new_shape", {1, 1}}}})},
      {"inputs", {0}},
      {"outputs", {5}}};
}

std::string error_of(const json& spec) {
  try {
    build_model_from_spec(spec);
  } catch (const ModelSpecError& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("base64 decoding follows RFC 4648 and names bad input") {
  CHECK(decode_base64("", "/x").empty());
  CHECK(decode_base64("Zg==", "/x") == std::vector<uint8_t>{'f'});
  CHECK(decode_base64("Zm8=", "/x") == std::vector<uint8_t>{'f', 'o'});
  CHECK(decode_base64("Zm9v", "/x") == std::vector<uint8_t>{'f', 'o', 'o'});
  CHECK(decode_base64(b64({0, 255, 128, 7}), "/x") == std::vector<uint8_t>{0, 255, 128, 7});
  CHECK_THROWS_WITH(decode_base64("Zm9", "/t/data"), Catch::Contains("/t/data"));
  CHECK_THROWS_WITH(decode_base64("Zm!v", "/t/data"), Catch::Contains("offset 2"));
}

TEST_CASE("a spec with CONV_2D, AVERAGE_POOL_2D and RESHAPE runs in the host engine") {
  const auto model = build_model_from_spec(conv_pool_spec());
  tr::harness::HostEngine engine(model);
  // Input all 1: SAME 3x3 ones filter gives 4 at corners, 6 at edges, 9 in the centre, +2 bias
  // -> 6,8,6 / 8,11,8 / 6,8,6; mean = 67/9 = 7.44 -> 7.
  const std::vector<uint8_t> input(9, 1);
  const auto out = engine.run(input);
  REQUIRE(out.size() == 1);
  CHECK(static_cast<int8_t>(out[0]) == 7);
}

TEST_CASE("spec errors name the JSON pointer and what is wrong") {
  json spec = conv_pool_spec();
  spec["format"] = "other";
  CHECK_THAT(error_of(spec), Catch::Contains("/format"));

  spec = conv_pool_spec();
  spec["operators"][0]["op"] = "LSTM";
  CHECK_THAT(error_of(spec), Catch::Contains("/operators/0/op") && Catch::Contains("LSTM"));

  spec = conv_pool_spec();
  spec["operators"][0]["padding"] = "full";
  CHECK_THAT(error_of(spec), Catch::Contains("/operators/0/padding"));

  spec = conv_pool_spec();
  spec["operators"][1]["stride"] = {0, 1};
  CHECK_THAT(error_of(spec), Catch::Contains("/operators/1/stride"));

  spec = conv_pool_spec();
  spec["operators"][0]["inputs"] = {0, 1, 9};
  CHECK_THAT(error_of(spec), Catch::Contains("/operators/0") && Catch::Contains("out of range"));

  spec = conv_pool_spec();
  spec["tensors"][1]["data"] = b64({1, 2, 3});
  CHECK_THAT(error_of(spec), Catch::Contains("/tensors/1") && Catch::Contains("3 bytes"));

  spec = conv_pool_spec();
  spec["tensors"][0]["zero_point"] = {0, 0};
  CHECK_THAT(error_of(spec), Catch::Contains("/tensors/0"));

  spec = conv_pool_spec();
  spec["tensors"][0].erase("shape");
  CHECK_THAT(error_of(spec), Catch::Contains("/tensors/0") && Catch::Contains("'shape'"));

  spec = conv_pool_spec();
  spec["operators"][0]["activation"] = "gelu";
  CHECK_THAT(error_of(spec), Catch::Contains("/operators/0/activation"));
}
