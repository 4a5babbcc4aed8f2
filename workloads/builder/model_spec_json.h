// A model described as JSON ("tinyrack-model-spec/1") turned into a .tflite through
// TfliteWriter. The standard workloads' training tools (workloads/pylib/tinyrack_ml/export.py)
// write such specs after quantizing a trained model, so every generated model goes through the
// project's own writer. Format: docs/model-spec.md.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace tr::workloads {

// A spec that cannot become a model; what() names the JSON pointer and what is wrong.
class ModelSpecError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

std::vector<uint8_t> build_model_from_spec(const nlohmann::json& spec);

// Standard base64 (RFC 4648, '=' padding required); throws ModelSpecError naming `where`.
std::vector<uint8_t> decode_base64(const std::string& text, const std::string& where);

}  // namespace tr::workloads
