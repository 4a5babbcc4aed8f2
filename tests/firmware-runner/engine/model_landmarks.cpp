#include "model_landmarks.h"

#include <catch2/catch.hpp>
#include <cstring>

#include "engine/flatbuffer_reader.h"
#include "engine/schema.h"

namespace tr::test {
namespace {

using engine::FbTable;
using engine::FbVector;
using engine::FbWhere;
namespace schema = engine::schema;
using Kind = Landmark::Kind;

std::string name(const char* table, int32_t index, const char* field = nullptr) {
  std::string s = table;
  if (index >= 0) s += " " + std::to_string(index);
  if (field != nullptr) s += std::string(" ") + field;
  return s;
}

class Walker {
 public:
  explicit Walker(const std::vector<uint8_t>& model)
      : model_(model), r_(model.data(), static_cast<uint32_t>(model.size())) {}

  std::vector<Landmark> walk() {
    FbTable root;
    REQUIRE(r_.root("TFL3", root, err_) == Status::ok);
    add(Kind::offset, 0, "Model");
    add(Kind::table, root.pos, "Model");
    const FbVector subgraphs = vector(root, schema::model::kSubgraphs, 4, "Model", -1, "subgraphs");
    const FbTable sg = element(subgraphs, 0, "SubGraph");
    buffers_ = vector(root, schema::model::kBuffers, 4, "Model", -1, "buffers");
    const FbVector tensors = vector(sg, schema::subgraph::kTensors, 4, "SubGraph", 0, "tensors");
    for (uint32_t i = 0; i < tensors.count; ++i) tensor(element(tensors, i, "Tensor"), i);
    vector(sg, schema::subgraph::kInputs, 4, "SubGraph", 0, "inputs");
    vector(sg, schema::subgraph::kOutputs, 4, "SubGraph", 0, "outputs");
    codes_ = vector(root, schema::model::kOperatorCodes, 4, "Model", -1, "operator_codes");
    const FbVector ops = vector(sg, schema::subgraph::kOperators, 4, "SubGraph", 0, "operators");
    for (uint32_t i = 0; i < ops.count; ++i) op(element(ops, i, "Operator"), i);
    return std::move(out_);
  }

 private:
  void add(Kind kind, uint32_t pos, std::string what) {
    out_.push_back({kind, pos, std::move(what)});
  }

  // Position of a table field (0 when absent), as FlatbufferReader finds it.
  uint32_t field(const FbTable& t, int slot) const {
    const uint32_t entry = 4u + 2u * static_cast<uint32_t>(slot);
    if (entry + 2u > t.vtable_size) return 0;
    uint16_t off;
    std::memcpy(&off, model_.data() + t.vtable + entry, 2);
    return off == 0 ? 0 : t.pos + off;
  }

  FbVector vector(const FbTable& t, int slot, uint32_t elem, const char* table, int32_t index,
                  const char* field_name) {
    FbVector v;
    const FbWhere where{table, index, field_name};
    REQUIRE(r_.vector(t, slot, elem, where, v, err_) == Status::ok);
    if (!v.present) return v;
    add(Kind::offset, field(t, slot), name(table, index, field_name));
    add(Kind::vector, v.pos - 4, name(table, index, field_name));
    return v;
  }

  FbTable table(const FbTable& t, int slot, const char* table_name, int32_t index,
                const char* field_name) {
    FbTable sub;
    REQUIRE(r_.table(t, slot, {table_name, index, field_name}, sub, err_) == Status::ok);
    if (!sub.present) return sub;
    add(Kind::offset, field(t, slot), name(table_name, index, field_name));
    add(Kind::table, sub.pos, name(table_name, index, field_name));
    return sub;
  }

  FbTable element(const FbVector& v, uint32_t i, const char* table_name) {
    FbTable t;
    const auto index = static_cast<int32_t>(i);
    REQUIRE(r_.table_element(v, i, {table_name, index, nullptr}, t, err_) == Status::ok);
    add(Kind::offset, v.pos + 4 * i, name(table_name, index));
    add(Kind::table, t.pos, name(table_name, index));
    return t;
  }

  void tensor(const FbTable& t, uint32_t i) {
    const auto index = static_cast<int32_t>(i);
    vector(t, schema::tensor::kShape, 4, "Tensor", index, "shape");
    uint32_t buffer = 0;
    REQUIRE(r_.scalar<uint32_t>(t, schema::tensor::kBuffer, 0, {"Tensor", index, "buffer"}, buffer,
                                err_) == Status::ok);
    if (buffer != 0) {
      const FbTable b = element(buffers_, buffer, "Buffer");
      vector(b, schema::buffer::kData, 1, "Buffer", static_cast<int32_t>(buffer), "data");
    }
    const FbTable q = table(t, schema::tensor::kQuantization, "Tensor", index, "quantization");
    if (!q.present) return;
    vector(q, schema::quantization::kScale, 4, "Quantization", index, "scale");
    vector(q, schema::quantization::kZeroPoint, 8, "Quantization", index, "zero_point");
  }

  void op(const FbTable& t, uint32_t i) {
    const auto index = static_cast<int32_t>(i);
    uint32_t code = 0;
    REQUIRE(r_.scalar<uint32_t>(t, schema::op::kOpcodeIndex, 0, {"Operator", index, nullptr}, code,
                                err_) == Status::ok);
    element(codes_, code, "OperatorCode");
    vector(t, schema::op::kInputs, 4, "Operator", index, "inputs");
    vector(t, schema::op::kOutputs, 4, "Operator", index, "outputs");
    uint8_t options_type = 0;
    REQUIRE(r_.scalar<uint8_t>(t, schema::op::kBuiltinOptionsType, 0, {"Operator", index, nullptr},
                               options_type, err_) == Status::ok);
    if (options_type != 0)
      table(t, schema::op::kBuiltinOptions, "Operator", index, "builtin_options");
  }

  const std::vector<uint8_t>& model_;
  engine::FlatbufferReader r_;
  ErrorText err_;
  FbVector buffers_;
  FbVector codes_;
  std::vector<Landmark> out_;
};

}  // namespace

std::vector<Landmark> model_landmarks(const std::vector<uint8_t>& model) {
  return Walker(model).walk();
}

}  // namespace tr::test
