// Shared by the tests of the pooling, element-wise, softmax, logistic, mean, concatenation and
// (de)quantize ops: the vectors written by vectors/make_misc_vectors.py (from the fact sheet,
// not from the engine code) and small JSON conversions.
#pragma once

#include <catch2/catch.hpp>
#include <cstdint>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "support/test_paths.h"

namespace tr::test {

// The whole vector file, parsed once per test binary.
inline const nlohmann::json& misc_vectors() {
  static const nlohmann::json doc = [] {
    std::ifstream in(source_dir() / "tests/firmware-runner/engine/vectors/misc_vectors.json");
    REQUIRE(in.good());
    return nlohmann::json::parse(in);
  }();
  return doc;
}

// The cases of one op, checked to be there so a missing section cannot pass silently.
inline const nlohmann::json& misc_cases(const char* op, size_t at_least) {
  const nlohmann::json& cases = misc_vectors().at(op);
  REQUIRE(cases.size() >= at_least);
  return cases;
}

inline std::vector<int8_t> to_int8(const nlohmann::json& values) {
  std::vector<int8_t> out;
  for (int v : values) out.push_back(static_cast<int8_t>(v));
  return out;
}

inline std::vector<int> to_ints(const std::vector<int8_t>& values) {
  return {values.begin(), values.end()};
}

// All 256 int8 values in order: the input of the logistic, requantize and dequantize cases.
inline std::vector<int8_t> all_int8_values() {
  std::vector<int8_t> out;
  for (int v = -128; v <= 127; ++v) out.push_back(static_cast<int8_t>(v));
  return out;
}

// Schema ActivationFunctionType value of "NONE", "RELU", "RELU_N1_TO_1" or "RELU6".
inline uint8_t activation_code(const std::string& name) {
  if (name == "RELU") return 1;
  if (name == "RELU_N1_TO_1") return 2;
  if (name == "RELU6") return 3;
  REQUIRE(name == "NONE");
  return 0;
}

}  // namespace tr::test
