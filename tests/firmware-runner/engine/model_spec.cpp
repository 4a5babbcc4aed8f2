#include "model_spec.h"

#include <algorithm>
#include <cstring>

namespace tr::test {
namespace {

using workloads::FbObject;

// Schema slot numbers and ids (tflite-format.md §2).
constexpr int kModelVersion = 0, kModelOperatorCodes = 1, kModelSubgraphs = 2, kModelBuffers = 4;
constexpr int kSubgraphTensors = 0, kSubgraphInputs = 1, kSubgraphOutputs = 2,
              kSubgraphOperators = 3;
constexpr int kTensorShape = 0, kTensorType = 1, kTensorBuffer = 2, kTensorName = 3,
              kTensorQuantization = 4;
constexpr int kQuantScale = 2, kQuantZeroPoint = 3, kQuantDimension = 6;
constexpr int kOpOpcodeIndex = 0, kOpInputs = 1, kOpOutputs = 2, kOpOptionsType = 3, kOpOptions = 4;
constexpr int kCodeDeprecated = 0, kCodeBuiltin = 3;
constexpr uint8_t kInt32 = 2, kFloat32 = 0;

// Op codes and option union ids used by the valid models.
constexpr int32_t kAdd = 0, kAveragePool = 1, kConcatenation = 2, kConv = 3, kDepthwise = 4,
                  kDequantize = 6, kFullyConnected = 9, kLogistic = 14, kMaxPool = 17, kMul = 18,
                  kReshape = 22, kSoftmax = 25, kPad = 34, kMean = 40, kQuantize = 114;
constexpr uint8_t kConvOptions = 1, kDepthwiseOptions = 2, kPoolOptions = 5, kFcOptions = 8,
                  kSoftmaxOptions = 9, kConcatOptions = 10, kAddOptions = 11, kReshapeOptions = 17,
                  kMulOptions = 21, kReducerOptions = 27;
constexpr uint8_t kSame = 0, kValid = 1, kRelu = 1;

std::vector<uint8_t> bytes_of(const std::vector<int32_t>& v) {
  std::vector<uint8_t> b(v.size() * 4);
  if (!v.empty()) std::memcpy(b.data(), v.data(), b.size());
  return b;
}

std::vector<int8_t> ramp(size_t n, int mod) {
  std::vector<int8_t> v(n);
  for (size_t i = 0; i < n; ++i) v[i] = static_cast<int8_t>(static_cast<int>(i % mod) - mod / 2);
  return v;
}

FbObject tensor_table(const SpecTensor& t, uint32_t buffer) {
  FbObject o = FbObject::table();
  if (t.has_shape) o.add_object(kTensorShape, FbObject::vector_of(t.shape));
  o.add_scalar<uint8_t>(kTensorType, t.type);
  o.add_scalar<uint32_t>(kTensorBuffer, t.buffer.value_or(buffer));
  o.add_object(kTensorName, FbObject::string(t.name));
  if (t.has_quantization) {
    FbObject q = FbObject::table();
    q.add_object(kQuantScale, FbObject::vector_of(t.scales));
    q.add_object(kQuantZeroPoint, FbObject::vector_of(t.zero_points));
    if (t.quantized_dimension != 0) q.add_scalar<int32_t>(kQuantDimension, t.quantized_dimension);
    o.add_object(kTensorQuantization, std::move(q));
  }
  return o;
}

}  // namespace

int ModelSpec::add_int8(std::string name, std::vector<int32_t> shape, float scale,
                        int64_t zero_point, std::vector<int8_t> data) {
  SpecTensor t;
  t.name = std::move(name);
  t.shape = std::move(shape);
  t.has_quantization = true;
  t.scales = {scale};
  t.zero_points = {zero_point};
  t.data.resize(data.size());
  if (!data.empty()) std::memcpy(t.data.data(), data.data(), data.size());
  tensors.push_back(std::move(t));
  return static_cast<int>(tensors.size() - 1);
}

int ModelSpec::add_int8_per_channel(std::string name, std::vector<int32_t> shape, int32_t dim) {
  size_t n = 1;
  for (int32_t d : shape) n *= static_cast<size_t>(d);
  const auto channels = static_cast<size_t>(shape[static_cast<size_t>(dim)]);
  const int index = add_int8(std::move(name), std::move(shape), 0.01f, 0, ramp(n, 15));
  SpecTensor& t = tensors.back();
  t.scales.clear();
  for (size_t c = 0; c < channels; ++c) t.scales.push_back(0.01f + 0.002f * static_cast<float>(c));
  t.zero_points.assign(channels, 0);
  t.quantized_dimension = dim;
  return index;
}

int ModelSpec::add_int32(std::string name, std::vector<int32_t> shape, std::vector<int32_t> data,
                         std::vector<float> scales) {
  SpecTensor t;
  t.name = std::move(name);
  t.shape = std::move(shape);
  t.type = kInt32;
  t.has_quantization = !scales.empty();
  t.zero_points.assign(scales.size(), 0);
  t.scales = std::move(scales);
  t.data = bytes_of(data);
  tensors.push_back(std::move(t));
  return static_cast<int>(tensors.size() - 1);
}

int ModelSpec::add_float(std::string name, std::vector<int32_t> shape) {
  SpecTensor t;
  t.name = std::move(name);
  t.shape = std::move(shape);
  t.type = kFloat32;
  tensors.push_back(std::move(t));
  return static_cast<int>(tensors.size() - 1);
}

int ModelSpec::add_op(int32_t code, std::vector<int32_t> in, std::vector<int32_t> out,
                      uint8_t options_type, std::optional<FbObject> options) {
  ops.push_back({code, std::move(in), std::move(out), options_type, std::move(options), {}});
  return static_cast<int>(ops.size() - 1);
}

std::vector<uint8_t> ModelSpec::build() const {
  std::vector<int32_t> codes;
  for (const SpecOperator& op : ops)
    if (std::find(codes.begin(), codes.end(), op.code) == codes.end()) codes.push_back(op.code);
  codes.insert(codes.end(), extra_codes.begin(), extra_codes.end());
  std::vector<FbObject> code_tables;
  for (int32_t code : codes) {
    FbObject c = FbObject::table();
    c.add_scalar<int8_t>(kCodeDeprecated, static_cast<int8_t>(std::clamp(code, -128, 127)));
    c.add_scalar<int32_t>(kCodeBuiltin, code);
    code_tables.push_back(std::move(c));
  }
  std::vector<FbObject> tensor_tables;
  std::vector<FbObject> buffers;
  buffers.push_back(FbObject::table());
  for (size_t i = 0; i < tensors.size(); ++i) {
    tensor_tables.push_back(tensor_table(tensors[i], static_cast<uint32_t>(i + 1)));
    FbObject b = FbObject::table();
    if (!tensors[i].data.empty()) b.add_object(0, FbObject::scalar_vector(tensors[i].data, 1, 16));
    buffers.push_back(std::move(b));
  }
  std::vector<FbObject> op_tables;
  for (const SpecOperator& op : ops) {
    FbObject o = FbObject::table();
    const auto index =
        static_cast<uint32_t>(std::find(codes.begin(), codes.end(), op.code) - codes.begin());
    o.add_scalar<uint32_t>(kOpOpcodeIndex, op.opcode_index.value_or(index));
    o.add_object(kOpInputs, FbObject::vector_of(op.inputs));
    o.add_object(kOpOutputs, FbObject::vector_of(op.outputs));
    if (op.options_type != 0) o.add_scalar<uint8_t>(kOpOptionsType, op.options_type);
    if (op.options) o.add_object(kOpOptions, *op.options);
    op_tables.push_back(std::move(o));
  }
  FbObject subgraph = FbObject::table();
  subgraph.add_object(kSubgraphTensors, FbObject::object_vector(std::move(tensor_tables)));
  subgraph.add_object(kSubgraphInputs, FbObject::vector_of(inputs));
  subgraph.add_object(kSubgraphOutputs, FbObject::vector_of(outputs));
  subgraph.add_object(kSubgraphOperators, FbObject::object_vector(std::move(op_tables)));
  std::vector<FbObject> subgraphs;
  subgraphs.push_back(std::move(subgraph));
  FbObject model = FbObject::table();
  model.add_scalar<uint32_t>(kModelVersion, version);
  model.add_object(kModelOperatorCodes, FbObject::object_vector(std::move(code_tables)));
  model.add_object(kModelSubgraphs, FbObject::object_vector(std::move(subgraphs)));
  model.add_object(kModelBuffers, FbObject::object_vector(std::move(buffers)));
  return workloads::serialize_flatbuffer(model, "TFL3");
}

FbObject conv_options(int32_t stride, uint8_t padding, uint8_t activation) {
  FbObject o = FbObject::table();
  o.add_scalar<uint8_t>(0, padding).add_scalar<int32_t>(1, stride).add_scalar<int32_t>(2, stride);
  o.add_scalar<uint8_t>(3, activation);
  return o;
}

FbObject depthwise_options(int32_t stride, int32_t depth_multiplier, uint8_t padding) {
  FbObject o = FbObject::table();
  o.add_scalar<uint8_t>(0, padding).add_scalar<int32_t>(1, stride).add_scalar<int32_t>(2, stride);
  o.add_scalar<int32_t>(3, depth_multiplier).add_scalar<uint8_t>(4, kRelu);
  return o;
}

FbObject pool_options(int32_t filter, int32_t stride, uint8_t padding) {
  FbObject o = FbObject::table();
  o.add_scalar<uint8_t>(0, padding).add_scalar<int32_t>(1, stride).add_scalar<int32_t>(2, stride);
  o.add_scalar<int32_t>(3, filter).add_scalar<int32_t>(4, filter);
  return o;
}

FbObject fully_connected_options(uint8_t activation) {
  return FbObject::table().add_scalar<uint8_t>(0, activation);
}

FbObject softmax_options(float beta) {
  return FbObject::table().add_scalar<float>(0, beta);
}

FbObject concatenation_options(int32_t axis) {
  return FbObject::table().add_scalar<int32_t>(0, axis);
}

FbObject reducer_options(bool keep_dims) {
  return FbObject::table().add_scalar<uint8_t>(0, keep_dims ? 1 : 0);
}

FbObject activation_options(uint8_t activation) {
  return FbObject::table().add_scalar<uint8_t>(0, activation);
}

ModelSpec fc_reshape_model() {
  ModelSpec m;
  const int in = m.add_int8("in", {1, 6}, 0.3f, -4);
  const int w1 = m.add_int8("w1", {4, 6}, 0.02f, 0, ramp(24, 9));
  const int b1 = m.add_int32("b1", {4}, {1, -2, 3, -4}, {0.006f});
  const int h = m.add_int8("h", {1, 4}, 0.1f, -128);
  const int r = m.add_int8("r", {2, 2}, 0.1f, -128);
  const int w2 = m.add_int8("w2", {3, 2}, 0.05f, 0, {1, -1, 2, -2, 3, -3});
  const int out = m.add_int8("out", {2, 3}, 0.07f, 11);
  m.add_op(kFullyConnected, {in, w1, b1}, {h}, kFcOptions, fully_connected_options(kRelu));
  m.add_op(kReshape, {h}, {r}, kReshapeOptions,
           FbObject::table().add_object(0, FbObject::vector_of(std::vector<int32_t>{2, 2})));
  m.add_op(kFullyConnected, {r, w2, -1}, {out}, kFcOptions, fully_connected_options(0));
  m.inputs = {in};
  m.outputs = {out};
  return m;
}

ModelSpec conv_model() {
  ModelSpec m;
  const int in = m.add_int8("in", {1, 5, 5, 2}, 0.05f, -3);
  const int f = m.add_int8_per_channel("conv_filter", {3, 3, 3, 2}, 0);
  const int b = m.add_int32("conv_bias", {3}, {10, -20, 30}, {0.0005f, 0.0006f, 0.0007f});
  const int c = m.add_int8("conv_out", {1, 5, 5, 3}, 0.04f, -128);
  const int df = m.add_int8_per_channel("dw_filter", {1, 3, 3, 3}, 3);
  const int d = m.add_int8("dw_out", {1, 3, 3, 3}, 0.03f, -128);
  const int p = m.add_int8("pool_out", {1, 1, 1, 3}, 0.03f, -128);
  const int r = m.add_int8("flat", {1, 3}, 0.03f, -128);
  const int s = m.add_int8("probs", {1, 3}, 1.0f / 256, -128);
  m.add_op(kConv, {in, f, b}, {c}, kConvOptions, conv_options(1, kSame, kRelu));
  m.add_op(kDepthwise, {c, df}, {d}, kDepthwiseOptions, depthwise_options(2, 1, kSame));
  m.add_op(kAveragePool, {d}, {p}, kPoolOptions, pool_options(3, 3, kValid));
  m.add_op(kReshape, {p}, {r});
  m.add_op(kSoftmax, {r}, {s}, kSoftmaxOptions, softmax_options(1.0f));
  m.inputs = {in};
  m.outputs = {s};
  return m;
}

ModelSpec elementwise_model() {
  ModelSpec m;
  const int in = m.add_int8("in", {1, 4, 4, 2}, 0.1f, 3);
  const int k = m.add_int8("k", {1, 1, 1, 2}, 0.02f, -1, {5, -9});
  const int sum = m.add_int8("sum", {1, 4, 4, 2}, 0.12f, 0);
  const int prod = m.add_int8("prod", {1, 4, 4, 2}, 0.12f, 0);
  const int cat = m.add_int8("cat", {1, 4, 4, 4}, 0.12f, 0);
  const int pooled = m.add_int8("pooled", {1, 2, 2, 4}, 0.12f, 0);
  const int pads = m.add_int32("paddings", {4, 2}, {0, 0, 1, 1, 1, 1, 0, 0});
  const int padded = m.add_int8("padded", {1, 4, 4, 4}, 0.12f, 0);
  const int axes = m.add_int32("axes", {2}, {1, 2});
  const int mean = m.add_int8("mean", {1, 1, 1, 4}, 0.1f, -2);
  const int out = m.add_int8("sigmoid", {1, 1, 1, 4}, 1.0f / 256, -128);
  m.add_op(kAdd, {in, k}, {sum}, kAddOptions, activation_options(kRelu));
  m.add_op(kMul, {in, sum}, {prod}, kMulOptions, activation_options(0));
  m.add_op(kConcatenation, {sum, prod}, {cat}, kConcatOptions, concatenation_options(3));
  m.add_op(kMaxPool, {cat}, {pooled}, kPoolOptions, pool_options(2, 2, kValid));
  m.add_op(kPad, {pooled, pads}, {padded});
  m.add_op(kMean, {padded, axes}, {mean}, kReducerOptions, reducer_options(true));
  m.add_op(kLogistic, {mean}, {out});
  m.inputs = {in};
  m.outputs = {out};
  return m;
}

ModelSpec quantize_model() {
  ModelSpec m;
  const int in = m.add_int8("in", {1, 8}, 0.02f, 5);
  const int q = m.add_int8("requantized", {1, 8}, 0.05f, -10);
  const int out = m.add_float("real", {1, 8});
  m.add_op(kQuantize, {in}, {q});
  m.add_op(kDequantize, {q}, {out});
  m.inputs = {in};
  m.outputs = {out};
  return m;
}

std::vector<ModelSpec> all_valid_models() {
  return {fc_reshape_model(), conv_model(), elementwise_model(), quantize_model()};
}

}  // namespace tr::test
