#include "builder/tflite_writer.h"

#include <algorithm>
#include <stdexcept>

#include "builder/flatbuffer_builder.h"

namespace tr::workloads {
namespace {

// Schema slot numbers (tflite-format.md §2).
constexpr int kModelVersion = 0, kModelOperatorCodes = 1, kModelSubgraphs = 2,
              kModelDescription = 3, kModelBuffers = 4;
constexpr int kSubgraphTensors = 0, kSubgraphInputs = 1, kSubgraphOutputs = 2,
              kSubgraphOperators = 3, kSubgraphName = 4;
constexpr int kTensorShape = 0, kTensorType = 1, kTensorBuffer = 2, kTensorName = 3,
              kTensorQuantization = 4;
constexpr int kQuantScale = 2, kQuantZeroPoint = 3, kQuantDimension = 6;
constexpr int kOpOpcodeIndex = 0, kOpInputs = 1, kOpOutputs = 2, kOpOptionsType = 3, kOpOptions = 4;
constexpr int kCodeDeprecated = 0, kCodeBuiltin = 3;
constexpr int32_t kFullyConnected = 9, kReshape = 22;
constexpr uint8_t kFullyConnectedOptions = 8, kReshapeOptions = 17;

size_t type_size(TfliteType t) {
  switch (t) {
    case TfliteType::int8:
    case TfliteType::uint8:
      return 1;
    case TfliteType::int16:
      return 2;
    case TfliteType::float32:
    case TfliteType::int32:
      return 4;
    case TfliteType::int64:
      return 8;
  }
  return 1;
}

FbObject tensor_table(const TensorSpec& t, uint32_t buffer) {
  FbObject o = FbObject::table();
  o.add_object(kTensorShape, FbObject::vector_of(t.shape));
  o.add_scalar<uint8_t>(kTensorType, static_cast<uint8_t>(t.type));
  o.add_scalar<uint32_t>(kTensorBuffer, buffer);
  o.add_object(kTensorName, FbObject::string(t.name));
  if (t.quantized) {
    FbObject q = FbObject::table();
    q.add_object(kQuantScale, FbObject::vector_of(t.quantization.scales));
    q.add_object(kQuantZeroPoint, FbObject::vector_of(t.quantization.zero_points));
    if (t.quantization.quantized_dimension != 0) {
      q.add_scalar<int32_t>(kQuantDimension, t.quantization.quantized_dimension);
    }
    o.add_object(kTensorQuantization, std::move(q));
  }
  return o;
}

std::vector<int32_t> to_i32(const std::vector<int>& v) {
  return {v.begin(), v.end()};
}

}  // namespace

int TfliteWriter::add_tensor(TensorSpec spec) {
  size_t elements = 1;
  bool dynamic = false;
  for (int32_t d : spec.shape) {
    if (d < -1) throw std::invalid_argument("tensor '" + spec.name + "': negative dimension");
    dynamic = dynamic || d == -1;
    elements *= d == -1 ? 1 : static_cast<size_t>(d);
  }
  if (dynamic && !spec.data.empty()) {
    throw std::invalid_argument("tensor '" + spec.name + "': constant data needs a fixed shape");
  }
  if (!spec.data.empty() && spec.data.size() != elements * type_size(spec.type)) {
    throw std::invalid_argument("tensor '" + spec.name + "': data is " +
                                std::to_string(spec.data.size()) + " bytes, shape needs " +
                                std::to_string(elements * type_size(spec.type)));
  }
  tensors_.push_back(std::move(spec));
  return static_cast<int>(tensors_.size() - 1);
}

int TfliteWriter::add_int8(std::string name, std::vector<int32_t> shape, float scale,
                           int64_t zero_point, const std::vector<int8_t>& data) {
  TensorSpec t{
      std::move(name), std::move(shape), TfliteType::int8, true, {{scale}, {zero_point}, 0}, {}};
  t.data.resize(data.size());
  std::transform(data.begin(), data.end(), t.data.begin(),
                 [](int8_t v) { return static_cast<uint8_t>(v); });
  return add_tensor(std::move(t));
}

int TfliteWriter::add_int32(std::string name, std::vector<int32_t> shape,
                            const std::vector<int32_t>& data, const std::vector<float>& scales) {
  TensorSpec t{std::move(name), std::move(shape), TfliteType::int32, !scales.empty(), {}, {}};
  if (t.quantized) {
    t.quantization.scales = scales;
    t.quantization.zero_points.assign(scales.size(), 0);
  }
  t.data.resize(data.size() * 4);
  if (!data.empty()) std::memcpy(t.data.data(), data.data(), t.data.size());
  return add_tensor(std::move(t));
}

void TfliteWriter::check_tensor(int index, const char* what) const {
  if (index < 0 || static_cast<size_t>(index) >= tensors_.size()) {
    throw std::invalid_argument(std::string(what) + ": tensor index " + std::to_string(index) +
                                " is out of range (" + std::to_string(tensors_.size()) +
                                " tensors)");
  }
}

uint32_t TfliteWriter::opcode_index(int32_t code) {
  auto it = std::find(codes_.begin(), codes_.end(), code);
  if (it != codes_.end()) return static_cast<uint32_t>(it - codes_.begin());
  codes_.push_back(code);
  return static_cast<uint32_t>(codes_.size() - 1);
}

void TfliteWriter::add_fully_connected(int input, int weights, int bias, int output,
                                       FusedActivation activation, bool keep_num_dims) {
  check_tensor(input, "FULLY_CONNECTED input");
  check_tensor(weights, "FULLY_CONNECTED weights");
  if (bias >= 0) check_tensor(bias, "FULLY_CONNECTED bias");
  check_tensor(output, "FULLY_CONNECTED output");
  FbObject options = FbObject::table();
  options.add_scalar<uint8_t>(0, static_cast<uint8_t>(activation));
  options.add_scalar<uint8_t>(2, keep_num_dims ? 1 : 0);
  add_operator(kFullyConnected, {input, weights, bias}, {output}, kFullyConnectedOptions,
               std::move(options));
}

void TfliteWriter::add_reshape(int input, int output, const std::vector<int32_t>* new_shape,
                               int shape_tensor) {
  check_tensor(input, "RESHAPE input");
  check_tensor(output, "RESHAPE output");
  std::vector<int> inputs = {input};
  if (shape_tensor >= 0) {
    check_tensor(shape_tensor, "RESHAPE shape");
    inputs.push_back(shape_tensor);
  }
  if (new_shape == nullptr) {
    add_operator(kReshape, std::move(inputs), {output});
    return;
  }
  FbObject options = FbObject::table();
  options.add_object(0, FbObject::vector_of(*new_shape));
  add_operator(kReshape, std::move(inputs), {output}, kReshapeOptions, std::move(options));
}

void TfliteWriter::add_operator(int32_t builtin_code, std::vector<int> inputs,
                                std::vector<int> outputs) {
  for (int t : inputs)
    if (t >= 0) check_tensor(t, "operator input");
  for (int t : outputs) check_tensor(t, "operator output");
  opcode_index(builtin_code);
  OperatorSpec op;
  op.code = builtin_code;
  op.inputs = std::move(inputs);
  op.outputs = std::move(outputs);
  operators_.push_back(std::move(op));
}

void TfliteWriter::add_operator(int32_t builtin_code, std::vector<int> inputs,
                                std::vector<int> outputs, uint8_t options_type, FbObject options) {
  add_operator(builtin_code, std::move(inputs), std::move(outputs));
  operators_.back().options_type = options_type;
  operators_.back().options = std::move(options);
}

void TfliteWriter::add_unused_operator_code(int32_t builtin_code) {
  opcode_index(builtin_code);
}

FbObject TfliteWriter::operator_table(const OperatorSpec& spec) const {
  FbObject op = FbObject::table();
  const auto index =
      static_cast<uint32_t>(std::find(codes_.begin(), codes_.end(), spec.code) - codes_.begin());
  op.add_scalar<uint32_t>(kOpOpcodeIndex, index);
  op.add_object(kOpInputs, FbObject::vector_of(to_i32(spec.inputs)));
  op.add_object(kOpOutputs, FbObject::vector_of(to_i32(spec.outputs)));
  if (spec.options_type != 0 && spec.options) {
    op.add_scalar<uint8_t>(kOpOptionsType, spec.options_type);
    op.add_object(kOpOptions, *spec.options);
  }
  return op;
}

FbObject TfliteWriter::subgraph_table() const {
  std::vector<FbObject> tensors;
  for (size_t i = 0; i < tensors_.size(); ++i) {
    tensors.push_back(tensor_table(tensors_[i], static_cast<uint32_t>(i + 1)));
  }
  std::vector<FbObject> ops;
  for (const auto& spec : operators_) ops.push_back(operator_table(spec));
  FbObject subgraph = FbObject::table();
  subgraph.add_object(kSubgraphTensors, FbObject::object_vector(std::move(tensors)));
  subgraph.add_object(kSubgraphInputs, FbObject::vector_of(to_i32(inputs_)));
  subgraph.add_object(kSubgraphOutputs, FbObject::vector_of(to_i32(outputs_)));
  subgraph.add_object(kSubgraphOperators, FbObject::object_vector(std::move(ops)));
  subgraph.add_object(kSubgraphName, FbObject::string("main"));
  return subgraph;
}

std::vector<uint8_t> TfliteWriter::build() const {
  for (int t : inputs_) check_tensor(t, "graph input");
  for (int t : outputs_) check_tensor(t, "graph output");
  std::vector<FbObject> codes;
  for (int32_t code : codes_) {
    FbObject c = FbObject::table();
    if (code_style_.write_deprecated_code) {
      c.add_scalar<int8_t>(kCodeDeprecated, static_cast<int8_t>(std::min(code, 127)));
    }
    if (code_style_.write_builtin_code) c.add_scalar<int32_t>(kCodeBuiltin, code);
    codes.push_back(std::move(c));
  }
  // Buffer 0: the empty sentinel; buffer i + 1 belongs to tensor i (empty for activations).
  std::vector<FbObject> buffers;
  buffers.push_back(FbObject::table());
  for (const auto& t : tensors_) {
    FbObject b = FbObject::table();
    if (!t.data.empty()) b.add_object(0, FbObject::scalar_vector(t.data, 1, 16));
    buffers.push_back(std::move(b));
  }
  std::vector<FbObject> subgraphs;
  subgraphs.push_back(subgraph_table());
  FbObject model = FbObject::table();
  model.add_scalar<uint32_t>(kModelVersion, 3);
  model.add_object(kModelOperatorCodes, FbObject::object_vector(std::move(codes)));
  model.add_object(kModelSubgraphs, FbObject::object_vector(std::move(subgraphs)));
  model.add_object(kModelDescription, FbObject::string(description_));
  model.add_object(kModelBuffers, FbObject::object_vector(std::move(buffers)));
  return serialize_flatbuffer(model, "TFL3");
}

}  // namespace tr::workloads
