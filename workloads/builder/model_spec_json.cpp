#include "builder/model_spec_json.h"

#include <array>
#include <map>

#include "builder/operator_options.h"
#include "builder/tflite_writer.h"

namespace tr::workloads {
namespace {

using nlohmann::json;

[[noreturn]] void fail(const std::string& pointer, const std::string& what) {
  throw ModelSpecError(pointer + ": " + what);
}

const json& field(const json& obj, const std::string& pointer, const char* name) {
  if (!obj.is_object()) fail(pointer, "must be an object");
  auto it = obj.find(name);
  if (it == obj.end()) fail(pointer, std::string("missing field '") + name + "'");
  return *it;
}

template <typename T>
T get(const json& v, const std::string& pointer) {
  try {
    return v.get<T>();
  } catch (const json::exception& e) {
    fail(pointer, std::string("wrong type (") + e.what() + ")");
  }
}

template <typename T>
T get_or(const json& obj, const std::string& pointer, const char* name, T fallback) {
  auto it = obj.find(name);
  return it == obj.end() ? fallback : get<T>(*it, pointer + "/" + name);
}

FusedActivation activation(const json& op, const std::string& pointer) {
  static const std::map<std::string, FusedActivation> kNames = {
      {"none", FusedActivation::none},
      {"relu", FusedActivation::relu},
      {"relu_n1_to_1", FusedActivation::relu_n1_to_1},
      {"relu6", FusedActivation::relu6}};
  const auto name = get_or<std::string>(op, pointer, "activation", "none");
  auto it = kNames.find(name);
  if (it == kNames.end()) fail(pointer + "/activation", "unknown activation '" + name + "'");
  return it->second;
}

Padding padding(const json& op, const std::string& pointer, const char* fallback) {
  const auto name = get_or<std::string>(op, pointer, "padding", fallback);
  if (name == "same") return Padding::same;
  if (name == "valid") return Padding::valid;
  fail(pointer + "/padding", "must be \"same\" or \"valid\", not '" + name + "'");
}

// [h, w] pairs ("stride", "dilation", "filter"), default 1 x 1.
std::array<int32_t, 2> pair(const json& op, const std::string& pointer, const char* name) {
  auto v = get_or<std::vector<int32_t>>(op, pointer, name, {1, 1});
  if (v.size() != 2 || v[0] < 1 || v[1] < 1) {
    fail(pointer + "/" + name, "must be [height, width] of positive integers");
  }
  return {v[0], v[1]};
}

ConvOptionsSpec conv_spec(const json& op, const std::string& pointer) {
  ConvOptionsSpec c;
  c.padding = padding(op, pointer, "same");
  auto stride = pair(op, pointer, "stride");
  auto dilation = pair(op, pointer, "dilation");
  c.stride_h = stride[0];
  c.stride_w = stride[1];
  c.dilation_h = dilation[0];
  c.dilation_w = dilation[1];
  c.depth_multiplier = get_or<int32_t>(op, pointer, "depth_multiplier", 1);
  c.activation = activation(op, pointer);
  return c;
}

PoolOptionsSpec pool_spec(const json& op, const std::string& pointer) {
  PoolOptionsSpec p;
  p.padding = padding(op, pointer, "valid");
  auto stride = pair(op, pointer, "stride");
  auto filter = pair(op, pointer, "filter");
  p.stride_h = stride[0];
  p.stride_w = stride[1];
  p.filter_h = filter[0];
  p.filter_w = filter[1];
  p.activation = activation(op, pointer);
  return p;
}

// Options table of one operator by name; nullopt for ops without one.
std::pair<int32_t, std::optional<OptionsTable>> operator_kind(const json& op,
                                                              const std::string& pointer) {
  const auto name = get<std::string>(field(op, pointer, "op"), pointer + "/op");
  if (name == "CONV_2D") return {3, conv_2d_options(conv_spec(op, pointer))};
  if (name == "DEPTHWISE_CONV_2D") return {4, depthwise_conv_2d_options(conv_spec(op, pointer))};
  if (name == "AVERAGE_POOL_2D") return {1, pool_2d_options(pool_spec(op, pointer))};
  if (name == "MAX_POOL_2D") return {17, pool_2d_options(pool_spec(op, pointer))};
  if (name == "ADD") return {0, add_options(activation(op, pointer))};
  if (name == "SOFTMAX") return {25, softmax_options(get_or<float>(op, pointer, "beta", 1.0f))};
  if (name == "MEAN") return {40, reducer_options(get_or<bool>(op, pointer, "keep_dims", false))};
  if (name == "CONCATENATION") {
    return {
        2, concatenation_options(get_or<int32_t>(op, pointer, "axis", 0), activation(op, pointer))};
  }
  if (name == "FULLY_CONNECTED" || name == "RESHAPE") return {name == "RESHAPE" ? 22 : 9, {}};
  if (name == "LOGISTIC") return {14, {}};
  fail(pointer + "/op", "unsupported operator '" + name + "'");
}

TfliteType tensor_type(const std::string& name, const std::string& pointer) {
  if (name == "int8") return TfliteType::int8;
  if (name == "int32") return TfliteType::int32;
  if (name == "uint8") return TfliteType::uint8;
  if (name == "float32") return TfliteType::float32;
  fail(pointer, "unsupported tensor type '" + name + "'");
}

TensorSpec tensor(const json& t, const std::string& pointer) {
  TensorSpec s;
  s.name = get<std::string>(field(t, pointer, "name"), pointer + "/name");
  s.shape = get<std::vector<int32_t>>(field(t, pointer, "shape"), pointer + "/shape");
  s.type = tensor_type(get_or<std::string>(t, pointer, "type", "int8"), pointer + "/type");
  if (t.contains("scale")) {
    s.quantized = true;
    s.quantization.scales = get<std::vector<float>>(t["scale"], pointer + "/scale");
    s.quantization.zero_points =
        get<std::vector<int64_t>>(field(t, pointer, "zero_point"), pointer + "/zero_point");
    s.quantization.quantized_dimension = get_or<int32_t>(t, pointer, "quantized_dimension", 0);
    if (s.quantization.scales.empty() ||
        s.quantization.scales.size() != s.quantization.zero_points.size()) {
      fail(pointer, "scale and zero_point must be non-empty and of the same length");
    }
  }
  if (t.contains("data")) {
    s.data = decode_base64(get<std::string>(t["data"], pointer + "/data"), pointer + "/data");
  }
  return s;
}

std::vector<int> indices(const json& v, const std::string& pointer) {
  return get<std::vector<int>>(v, pointer);
}

}  // namespace

std::vector<uint8_t> decode_base64(const std::string& text, const std::string& where) {
  auto value = [&](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
  };
  if (text.size() % 4 != 0) fail(where, "base64 length is not a multiple of 4");
  std::vector<uint8_t> out;
  out.reserve(text.size() / 4 * 3);
  for (size_t i = 0; i < text.size(); i += 4) {
    const bool last = i + 4 == text.size();
    const int pad = last ? (text[i + 3] == '=') + (text[i + 2] == '=') : 0;
    uint32_t word = 0;
    for (size_t k = 0; k < 4; ++k) {
      const int v = k >= 4 - static_cast<size_t>(pad) ? 0 : value(text[i + k]);
      if (v < 0) fail(where, "invalid base64 character at offset " + std::to_string(i + k));
      word = word << 6 | static_cast<uint32_t>(v);
    }
    out.push_back(static_cast<uint8_t>(word >> 16));
    if (pad < 2) out.push_back(static_cast<uint8_t>(word >> 8));
    if (pad < 1) out.push_back(static_cast<uint8_t>(word));
  }
  return out;
}

std::vector<uint8_t> build_model_from_spec(const json& spec) {
  const auto format = get<std::string>(field(spec, "", "format"), "/format");
  if (format != "tinyrack-model-spec/1") {
    fail("/format", "expected \"tinyrack-model-spec/1\", got '" + format + "'");
  }
  TfliteWriter w;
  w.set_description(get_or<std::string>(spec, "", "description", "tinyrack model spec"));
  const json& tensors = field(spec, "", "tensors");
  if (!tensors.is_array() || tensors.empty()) fail("/tensors", "must be a non-empty array");
  for (size_t i = 0; i < tensors.size(); ++i) {
    const std::string pointer = "/tensors/" + std::to_string(i);
    try {
      w.add_tensor(tensor(tensors[i], pointer));
    } catch (const std::invalid_argument& e) {
      fail(pointer, e.what());
    }
  }
  const json& ops = field(spec, "", "operators");
  if (!ops.is_array() || ops.empty()) fail("/operators", "must be a non-empty array");
  for (size_t i = 0; i < ops.size(); ++i) {
    const std::string pointer = "/operators/" + std::to_string(i);
    const json& op = ops[i];
    auto [code, options] = operator_kind(op, pointer);
    auto inputs = indices(field(op, pointer, "inputs"), pointer + "/inputs");
    auto outputs = indices(field(op, pointer, "outputs"), pointer + "/outputs");
    try {
      if (code == 9) {
        if (inputs.size() != 3) fail(pointer + "/inputs", "FULLY_CONNECTED takes 3 inputs");
        w.add_fully_connected(inputs[0], inputs[1], inputs[2], outputs.at(0),
                              activation(op, pointer));
      } else if (code == 22) {
        if (inputs.size() != 1 || outputs.size() != 1) fail(pointer, "RESHAPE is 1 in, 1 out");
        auto shape =
            get<std::vector<int32_t>>(field(op, pointer, "new_shape"), pointer + "/new_shape");
        w.add_reshape(inputs[0], outputs[0], &shape);
      } else if (options) {
        w.add_operator(code, inputs, outputs, options->type, std::move(options->table));
      } else {
        w.add_operator(code, inputs, outputs);
      }
    } catch (const std::invalid_argument& e) {
      fail(pointer, e.what());
    } catch (const std::out_of_range&) {
      fail(pointer + "/outputs", "needs one output");
    }
  }
  w.set_inputs(indices(field(spec, "", "inputs"), "/inputs"));
  w.set_outputs(indices(field(spec, "", "outputs"), "/outputs"));
  try {
    return w.build();
  } catch (const std::invalid_argument& e) {
    fail("", e.what());
  }
}

}  // namespace tr::workloads
