#include "builder/tflite_writer.h"

#include <catch2/catch.hpp>
#include <cstring>

#include "engine/flatbuffer_reader.h"
#include "support/model_runner.h"

using tr::ErrorText;
using tr::Status;
using tr::engine::FbTable;
using tr::engine::FbVector;
using tr::engine::FbWhere;
using tr::engine::FlatbufferReader;
using tr::workloads::FusedActivation;
using tr::workloads::TfliteWriter;

namespace {

const FbWhere kAny{"test", -1, nullptr};

TfliteWriter tiny_model() {
  TfliteWriter w;
  const int in = w.add_int8("in", {1, 3}, 1.0f, 0);
  const int k = w.add_int8("w", {2, 3}, 1.0f, 0, {1, 1, 1, -1, 0, 2});
  const int b = w.add_int32("b", {2}, {5, -5}, {1.0f});
  const int out = w.add_int8("out", {1, 2}, 1.0f, 0);
  w.add_fully_connected(in, k, b, out, FusedActivation::none);
  w.set_inputs({in});
  w.set_outputs({out});
  return w;
}

// Model.buffers and the operator code table, read back with the engine's reader.
struct Parsed {
  std::vector<uint8_t> bytes;
  FlatbufferReader r;
  FbTable model;
  explicit Parsed(std::vector<uint8_t> b)
      : bytes(std::move(b)), r(bytes.data(), static_cast<uint32_t>(bytes.size())) {
    ErrorText err;
    REQUIRE(r.root("TFL3", model, err) == Status::ok);
  }
  FbVector vec(const FbTable& t, int slot, uint32_t elem) {
    ErrorText err;
    FbVector v;
    REQUIRE(r.vector(t, slot, elem, kAny, v, err) == Status::ok);
    return v;
  }
  FbTable at(const FbVector& v, uint32_t i) {
    ErrorText err;
    FbTable t;
    REQUIRE(r.table_element(v, i, kAny, t, err) == Status::ok);
    return t;
  }
};

}  // namespace

TEST_CASE("the writer's model loads in the engine and computes", "[writer]") {
  tr::test::ModelRunner runner(tiny_model().build());
  REQUIRE(runner.load() == Status::ok);
  CHECK(runner.run({3, -2, 7}) == std::vector<int8_t>{13, 6});  // {8+5, 11-5}
}

TEST_CASE("header, buffer sentinel and 16-byte aligned constant data", "[writer]") {
  Parsed p(tiny_model().build());
  CHECK(std::memcmp(p.bytes.data() + 4, "TFL3", 4) == 0);
  CHECK(p.bytes.size() % 16 == 0);
  uint32_t version = 0;
  ErrorText err;
  REQUIRE(p.r.scalar<uint32_t>(p.model, 0, 0, kAny, version, err) == Status::ok);
  CHECK(version == 3);
  const FbVector buffers = p.vec(p.model, 4, 4);
  REQUIRE(buffers.count == 5);  // sentinel + one per tensor
  CHECK_FALSE(p.vec(p.at(buffers, 0), 0, 1).present);
  int constants = 0;
  for (uint32_t i = 1; i < buffers.count; ++i) {
    const FbVector data = p.vec(p.at(buffers, i), 0, 1);
    if (!data.present) continue;
    ++constants;
    CHECK(data.pos % 16 == 0);
  }
  CHECK(constants == 2);
}

TEST_CASE("operator code fields follow the chosen style", "[writer]") {
  struct Case {
    bool deprecated, builtin;
    int8_t want_deprecated;
    int32_t want_builtin;
  };
  for (const Case c :
       {Case{true, true, 127, 150}, Case{true, false, 127, 0}, Case{false, true, 0, 150}}) {
    TfliteWriter w = tiny_model();
    w.set_operator_code_style({c.deprecated, c.builtin});
    w.add_unused_operator_code(150);
    Parsed p(w.build());
    const FbVector codes = p.vec(p.model, 1, 4);
    REQUIRE(codes.count == 2);
    const FbTable gelu = p.at(codes, 1);
    int8_t dep = -1;
    int32_t builtin = -1;
    ErrorText err;
    REQUIRE(p.r.scalar<int8_t>(gelu, 0, 0, kAny, dep, err) == Status::ok);
    REQUIRE(p.r.scalar<int32_t>(gelu, 3, 0, kAny, builtin, err) == Status::ok);
    CHECK(dep == c.want_deprecated);
    CHECK(builtin == c.want_builtin);
  }
}

TEST_CASE("RESHAPE with and without options and with a shape tensor", "[writer]") {
  for (int variant = 0; variant < 3; ++variant) {
    INFO("variant " << variant);
    TfliteWriter w;
    const int in = w.add_int8("in", {1, 6}, 1.0f, 0);
    const int out = w.add_int8("out", {2, 3}, 1.0f, 0);
    const std::vector<int32_t> shape = {2, 3};
    if (variant == 0) w.add_reshape(in, out);
    if (variant == 1) w.add_reshape(in, out, &shape);
    if (variant == 2) w.add_reshape(in, out, nullptr, w.add_int32("shape", {2}, {2, 3}));
    w.set_inputs({in});
    w.set_outputs({out});
    tr::test::ModelRunner runner(w.build());
    const Status s = runner.load();
    INFO(runner.err().c_str());
    REQUIRE(s == Status::ok);
    CHECK(runner.run({1, 2, 3, 4, 5, 6}) == std::vector<int8_t>{1, 2, 3, 4, 5, 6});
  }
}

TEST_CASE("the writer rejects inconsistent tensors and operators", "[writer]") {
  TfliteWriter w;
  CHECK_THROWS_WITH(w.add_int8("w", {2, 3}, 1.0f, 0, {1, 2, 3}),
                    "tensor 'w': data is 3 bytes, shape needs 6");
  const int in = w.add_int8("in", {1, 3}, 1.0f, 0);
  CHECK_THROWS_WITH(w.add_fully_connected(in, 7, -1, in),
                    "FULLY_CONNECTED weights: tensor index 7 is out of range (1 tensors)");
  w.set_outputs({9});
  CHECK_THROWS_AS(w.build(), std::invalid_argument);
}
