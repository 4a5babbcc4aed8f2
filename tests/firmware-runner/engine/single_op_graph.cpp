#include "single_op_graph.h"

#include <catch2/catch.hpp>
#include <cstring>

#include "engine/builtin_names.h"
#include "engine/op_registry.h"
#include "engine/persistent_allocator.h"

namespace tr::test {
namespace {

using workloads::FbObject;

// Layout of the helper's root table: slot 0 the options, slot 1 one table per tensor with
// slot 0 scales, slot 1 zero points, slot 2 data.
constexpr int kRootOptions = 0, kRootTensors = 1;
constexpr int kTensorScales = 0, kTensorZeroPoints = 1, kTensorData = 2;

engine::FbWhere where(const char* field) {
  return {"SingleOpGraph", -1, field};
}

}  // namespace

SingleOpGraph::SingleOpGraph() : graph_(std::make_unique<engine::Graph>()) {}
SingleOpGraph::~SingleOpGraph() = default;

int SingleOpGraph::add_tensor(OpTensor t) {
  specs_.push_back(std::move(t));
  return static_cast<int>(specs_.size() - 1);
}

void SingleOpGraph::set_operator(int32_t code, std::vector<int> inputs, std::vector<int> outputs,
                                 uint8_t options_type, std::optional<FbObject> options) {
  code_ = code;
  inputs_ = std::move(inputs);
  outputs_ = std::move(outputs);
  options_type_ = options_type;
  options_ = std::move(options);
}

Status SingleOpGraph::prepare() {
  REQUIRE(specs_.size() <= engine::kMaxTensors);
  REQUIRE(inputs_.size() <= engine::kMaxOpInputs);
  REQUIRE(outputs_.size() <= engine::kMaxOpOutputs);
  FbObject root = FbObject::table();
  if (options_) root.add_object(kRootOptions, *options_);
  std::vector<FbObject> tensors;
  for (const OpTensor& s : specs_) {
    FbObject t = FbObject::table();
    if (!s.scales.empty()) t.add_object(kTensorScales, FbObject::vector_of(s.scales));
    if (!s.zero_points.empty()) t.add_object(kTensorZeroPoints, FbObject::vector_of(s.zero_points));
    if (!s.data.empty()) t.add_object(kTensorData, FbObject::scalar_vector(s.data, 1, 16));
    tensors.push_back(std::move(t));
  }
  root.add_object(kRootTensors, FbObject::object_vector(std::move(tensors)));
  model_ = workloads::serialize_flatbuffer(root, "TRSO");

  engine::Graph& g = *graph_;
  g = engine::Graph{};
  g.reader = engine::FlatbufferReader(model_.data(), static_cast<uint32_t>(model_.size()));
  engine::FbTable root_table;
  engine::FbVector tensor_tables;
  REQUIRE(g.reader.root("TRSO", root_table, err_) == Status::ok);
  REQUIRE(g.reader.vector(root_table, kRootTensors, 4, where("tensors"), tensor_tables, err_) ==
          Status::ok);
  activations_.assign(specs_.size(), {});
  for (uint32_t i = 0; i < specs_.size(); ++i) {
    const OpTensor& s = specs_[i];
    engine::Tensor& t = g.tensors[i];
    REQUIRE(s.shape.size() <= static_cast<size_t>(engine::kMaxRank));
    t.rank = static_cast<uint8_t>(s.shape.size());
    for (size_t d = 0; d < s.shape.size(); ++d) t.dims[d] = s.shape[d];
    t.type = static_cast<uint8_t>(s.type);
    t.bytes = t.element_count() * engine::tensor_type_size(t.type);
    engine::FbTable table;
    REQUIRE(g.reader.table_element(tensor_tables, i, where("tensor"), table, err_) == Status::ok);
    REQUIRE(g.reader.vector(table, kTensorScales, 4, where("scales"), t.scales, err_) ==
            Status::ok);
    REQUIRE(g.reader.vector(table, kTensorZeroPoints, 8, where("zero_points"), t.zero_points,
                            err_) == Status::ok);
    t.quantized = t.scales.count > 0 && t.zero_points.count > 0;
    if (t.quantized) {
      t.scale = s.scales[0];
      t.zero_point = static_cast<int32_t>(s.zero_points[0]);
    }
    t.quantized_dimension = s.quantized_dimension;
    if (!s.data.empty()) {
      REQUIRE(s.data.size() == t.bytes);
      engine::FbVector data;
      REQUIRE(g.reader.vector(table, kTensorData, 1, where("data"), data, err_) == Status::ok);
      t.is_constant = true;
      t.constant_data = g.reader.data() + data.pos;
    } else {
      activations_[i].assign(t.bytes + 1u, 0x5a);  // + 1: never a null pointer
      t.data = activations_[i].data();
    }
  }
  g.tensor_count = static_cast<uint32_t>(specs_.size());

  engine::OperatorNode& node = g.ops[0];
  node.code = code_;
  node.input_count = static_cast<uint8_t>(inputs_.size());
  node.output_count = static_cast<uint8_t>(outputs_.size());
  for (size_t i = 0; i < inputs_.size(); ++i) node.inputs[i] = static_cast<int16_t>(inputs_[i]);
  for (size_t i = 0; i < outputs_.size(); ++i) node.outputs[i] = static_cast<int16_t>(outputs_[i]);
  node.options_type = options_type_;
  REQUIRE(g.reader.table(root_table, kRootOptions, where("options"), node.options, err_) ==
          Status::ok);
  node.registration = engine::find_registration(code_);
  REQUIRE(node.registration != nullptr);
  g.op_count = 1;

  persistent_buffer_.assign(64 * 1024 + 16, 0);
  auto base = reinterpret_cast<uintptr_t>(persistent_buffer_.data());
  auto* aligned = persistent_buffer_.data() + ((16 - base % 16) % 16);
  engine::PersistentAllocator persistent;
  persistent.reset(aligned, 64 * 1024);
  err_.clear();
  engine::PrepareContext ctx(g, 0, persistent, err_);
  return node.registration->prepare(ctx);
}

std::vector<int8_t> SingleOpGraph::run(const std::vector<int8_t>& input) {
  engine::Graph& g = *graph_;
  const engine::OperatorNode& node = g.ops[0];
  engine::Tensor& in = g.tensors[node.inputs[0]];
  REQUIRE(in.data != nullptr);
  REQUIRE(input.size() == in.bytes);
  if (!input.empty()) std::memcpy(in.data, input.data(), input.size());
  REQUIRE(node.registration->eval(g, node, err_) == Status::ok);
  const engine::Tensor& out = g.tensors[node.outputs[0]];
  const auto* p = reinterpret_cast<const int8_t*>(out.data);
  return {p, p + out.bytes};
}

}  // namespace tr::test
