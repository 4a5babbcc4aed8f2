// Interpreter behaviour on small writer-built models: results, repeated invoke, the observer,
// in-place RESHAPE, operator-code resolution, memory accounting and load-time errors.
#include "engine/interpreter.h"

#include <catch2/catch.hpp>
#include <cstring>
#include <set>
#include <string>

#include "builder/tflite_writer.h"
#include "support/model_runner.h"

using tr::Status;
using tr::test::ModelRunner;
using tr::workloads::FusedActivation;
using tr::workloads::TfliteWriter;

namespace {

struct TinyFc {
  TfliteWriter w;
  int in, weights, bias, out;
};

// input [1,4] (zp 1) -> FC 4->3 with every scale 1.0, so the multiplier is exactly 1 and the
// result can be computed by hand: y = W (x - 1) + b - 2.
TinyFc tiny_fc(FusedActivation act = FusedActivation::none) {
  TinyFc m;
  m.in = m.w.add_int8("in", {1, 4}, 1.0f, 1);
  m.weights = m.w.add_int8("w", {3, 4}, 1.0f, 0, {1, 0, 0, 0, 0, 2, 0, 0, 1, 1, 1, 1});
  m.bias = m.w.add_int32("b", {3}, {10, -3, 0}, {1.0f});
  m.out = m.w.add_int8("out", {1, 3}, 1.0f, -2);
  m.w.add_fully_connected(m.in, m.weights, m.bias, m.out, act);
  m.w.set_inputs({m.in});
  m.w.set_outputs({m.out});
  return m;
}

// in [1,8] -> FC 8->6 (RELU) -> RESHAPE [2,3] -> FC 3->2 -> out [2,2].
std::vector<uint8_t> fc_reshape_fc(const std::vector<int32_t>& reshaped = {2, 3}) {
  TfliteWriter w;
  const int in = w.add_int8("in", {1, 8}, 0.5f, 3);
  std::vector<int8_t> w1(48), w2(6);
  for (size_t i = 0; i < w1.size(); ++i) w1[i] = static_cast<int8_t>((i * 37) % 255 - 127);
  for (size_t i = 0; i < w2.size(); ++i) w2[i] = static_cast<int8_t>(i * 20 - 50);
  const int k1 = w.add_int8("w1", {6, 8}, 0.01f, 0, w1);
  const int h = w.add_int8("h", {1, 6}, 0.2f, -128);
  const int r = w.add_int8("r", reshaped, 0.2f, -128);
  const int k2 = w.add_int8("w2", {2, 3}, 0.02f, 0, w2);
  const int out = w.add_int8("out", {2, 2}, 0.05f, 7);
  w.add_fully_connected(in, k1, -1, h, FusedActivation::relu);
  w.add_reshape(h, r);
  w.add_fully_connected(r, k2, -1, out);
  w.set_inputs({in});
  w.set_outputs({out});
  return w.build();
}

std::string load_error(std::vector<uint8_t> model, Status expected, uint32_t arena = 64 * 1024) {
  ModelRunner r(std::move(model), arena);
  const Status s = r.load();
  INFO(r.err().c_str());
  CHECK(s == expected);
  CHECK_FALSE(r.interp().loaded());
  return r.err().c_str();
}

}  // namespace

TEST_CASE("a hand-computable FULLY_CONNECTED model gives the exact result", "[interp]") {
  ModelRunner r(tiny_fc().w.build());
  REQUIRE(r.load() == Status::ok);
  // x - zp = [4, -4, 1, -1]
  CHECK(r.run({5, -3, 2, 0}) == std::vector<int8_t>{12, -13, -2});
  ModelRunner relu(tiny_fc(FusedActivation::relu).w.build());
  REQUIRE(relu.load() == Status::ok);
  CHECK(relu.run({5, -3, 2, 0}) == std::vector<int8_t>{12, -2, -2});  // clamped at z_out
}

TEST_CASE("invoke can be repeated when the input is set each time, and keeps the output",
          "[interp]") {
  ModelRunner r(fc_reshape_fc());
  REQUIRE(r.load() == Status::ok);
  const std::vector<int8_t> x = {-100, -50, 0, 10, 20, 60, 100, 127};
  const auto first = r.run(x);
  CHECK(r.run(x) == first);
  const auto* out = reinterpret_cast<const int8_t*>(r.interp().output().data);
  CHECK(std::vector<int8_t>(out, out + 4) == first);  // the output outlives the last operator
  CHECK(std::set<int8_t>(first.begin(), first.end()).size() > 1);
}

TEST_CASE("the input's memory is reused once its last reader has run", "[interp]") {
  ModelRunner r(fc_reshape_fc(), 4096);
  REQUIRE(r.load() == Status::ok);
  // in (8 bytes) is read by operator 0 only; out (4 bytes) is written by operator 2, whose
  // lifetime does not overlap in's, so first-fit puts it at the same offset.
  CHECK(r.interp().output().data == r.interp().input().data);
}

TEST_CASE("the observer sees every operator's output, and RESHAPE runs in place", "[interp]") {
  ModelRunner r(fc_reshape_fc());
  REQUIRE(r.load() == Status::ok);
  struct Seen {
    std::vector<uint32_t> ops;
    std::vector<const uint8_t*> data;
    std::vector<uint32_t> bytes;
  } seen;
  r.interp().set_observer(
      [](void* ctx, uint32_t op, const tr::engine::TensorView& out) {
        auto* s = static_cast<Seen*>(ctx);
        s->ops.push_back(op);
        s->data.push_back(out.data);
        s->bytes.push_back(out.bytes);
      },
      &seen);
  r.run(std::vector<int8_t>(8, 9));
  CHECK(seen.ops == std::vector<uint32_t>{0, 1, 2});
  CHECK(seen.bytes == std::vector<uint32_t>{6, 6, 4});
  CHECK(seen.data[1] == seen.data[0]);  // in place
  CHECK(seen.data[2] == r.interp().output().data);
  r.interp().set_observer(nullptr, nullptr);
  seen.ops.clear();
  r.run(std::vector<int8_t>(8, 9));
  CHECK(seen.ops.empty());
}

TEST_CASE("RESHAPE resolves a -1 dimension from the output tensor's shape", "[interp]") {
  ModelRunner fixed(fc_reshape_fc({2, 3}));
  ModelRunner dynamic(fc_reshape_fc({-1, 3}));
  REQUIRE(fixed.load() == Status::ok);
  REQUIRE(dynamic.load() == Status::ok);
  const std::vector<int8_t> x = {1, 2, 3, 4, 5, 6, 7, 8};
  CHECK(dynamic.run(x) == fixed.run(x));
  CHECK(load_error(fc_reshape_fc({-1, 4}), Status::bad_model).find("cannot resolve -1") !=
        std::string::npos);
  CHECK(load_error(fc_reshape_fc({-1, -1}), Status::bad_model).find("more than one -1") !=
        std::string::npos);
}

TEST_CASE("RESHAPE of a constant copies it (the output never aliases the model)", "[interp]") {
  TfliteWriter w;
  const int dummy = w.add_int8("unused_in", {1}, 1.0f, 0);
  const int c = w.add_int8("const", {2, 2}, 1.0f, 0, {1, -2, 3, -4});
  const int out = w.add_int8("out", {4}, 1.0f, 0);
  w.add_reshape(c, out);
  w.set_inputs({dummy});
  w.set_outputs({out});
  ModelRunner r(w.build());
  REQUIRE(r.load() == Status::ok);
  CHECK(r.run({0}) == std::vector<int8_t>{1, -2, 3, -4});
  const uint8_t* out_data = r.interp().output().data;
  const auto& model = r.model();
  CHECK((out_data < model.data() || out_data >= model.data() + model.size()));
}

TEST_CASE("operator codes resolve as max(builtin_code, deprecated_builtin_code)", "[interp]") {
  for (auto style : {tr::workloads::OperatorCodeStyle{true, false},
                     tr::workloads::OperatorCodeStyle{false, true},
                     tr::workloads::OperatorCodeStyle{true, true}}) {
    TinyFc m = tiny_fc();
    m.w.set_operator_code_style(style);
    m.w.add_unused_operator_code(114);  // QUANTIZE, listed but never used
    m.w.add_unused_operator_code(150);  // GELU (> 127: deprecated field holds 127)
    ModelRunner r(m.w.build());
    const Status s = r.load();
    INFO(r.err().c_str());
    CHECK(s == Status::ok);
  }
}

TEST_CASE("unsupported operators are named in the error", "[interp][errors]") {
  TinyFc m = tiny_fc();
  const int extra = m.w.add_int8("extra", {1, 3}, 1.0f, 0);
  m.w.add_operator(39, {m.out}, {extra});  // TRANSPOSE
  CHECK(load_error(m.w.build(), Status::unsupported) ==
        "operator 1 (TRANSPOSE, code 39) is not supported");
  TinyFc big = tiny_fc();
  const int e2 = big.w.add_int8("extra", {1, 3}, 1.0f, 0);
  big.w.add_operator(150, {big.out}, {e2});  // GELU: deprecated 127, builtin 150
  CHECK(load_error(big.w.build(), Status::unsupported) ==
        "operator 1 (GELU, code 150) is not supported");
}

TEST_CASE("too small an arena is reported with the exact requirement", "[interp][errors]") {
  const std::vector<uint8_t> model = fc_reshape_fc();
  ModelRunner big(model, 4096);
  REQUIRE(big.load() == Status::ok);
  const uint32_t used = big.interp().memory().arena_used;
  const std::string msg = load_error(model, Status::no_memory, used - 16);
  INFO(msg);
  REQUIRE(msg.rfind("model needs ", 0) == 0);
  CHECK(msg.find(" arena bytes, only " + std::to_string(used - 16) + " available") !=
        std::string::npos);
  const auto needed = static_cast<uint32_t>(std::stoul(msg.substr(12)));
  CHECK(needed == used);
  ModelRunner exact(model, needed);
  INFO(exact.err().c_str());
  CHECK(exact.load() == Status::ok);
  CHECK(exact.interp().memory().arena_used == needed);
  // So small that even the per-operator data does not fit.
  CHECK(load_error(model, Status::no_memory, 32).rfind("model needs more than ", 0) == 0);
}

TEST_CASE("memory() reports the plan honestly", "[interp]") {
  ModelRunner r(fc_reshape_fc(), 4096);
  CHECK(r.interp().memory().arena_used == 0);
  REQUIRE(r.load() == Status::ok);
  const auto m = r.interp().memory();
  CHECK(m.arena_capacity == 4096);
  CHECK(m.tensor_count == 6);
  CHECK(m.operator_count == 3);
  // in (8) lives until operator 0 has read it, h/r (one buffer) from 0 to 2, out (4) from 2
  // on: in and out share a 16-byte slot, h/r has the other.
  CHECK(m.activation_bytes == 32);
  CHECK(m.persistent_bytes > 0);
  CHECK(m.arena_used == m.activation_bytes + m.persistent_bytes);
  CHECK(m.scratch_bytes == 0);
  r.interp().unload();
  CHECK_FALSE(r.interp().loaded());
  CHECK(r.interp().memory().arena_used == 0);
  CHECK(r.interp().input().data == nullptr);
}

TEST_CASE("invoke without a model and misaligned models are rejected", "[interp][errors]") {
  std::vector<uint8_t> arena(1024);
  tr::engine::Interpreter interp(arena.data(), 1024);
  tr::ErrorText err;
  CHECK(interp.invoke(err) == Status::bad_argument);
  CHECK(std::string(err.c_str()) == "no model loaded");
  std::vector<uint8_t> model = tiny_fc().w.build();
  std::vector<uint8_t> shifted(model.size() + 1);
  std::memcpy(shifted.data() + 1, model.data(), model.size());
  CHECK(interp.load(shifted.data() + 1, static_cast<uint32_t>(model.size()), err) ==
        Status::bad_argument);
  CHECK(std::string(err.c_str()).find("4-byte aligned") != std::string::npos);
  CHECK(std::string(tr::engine::Interpreter::name()) == "tinyrack-int8 0.1 (reference kernels)");
}

TEST_CASE("FULLY_CONNECTED prepare rejects bad operands with a clear message", "[interp][errors]") {
  {  // float input
    TfliteWriter w;
    tr::workloads::TensorSpec in{"in", {1, 4}, tr::workloads::TfliteType::float32, false, {}, {}};
    const int i = w.add_tensor(in);
    const int k = w.add_int8("w", {3, 4}, 1.0f, 0, std::vector<int8_t>(12, 1));
    const int o = w.add_int8("out", {1, 3}, 1.0f, 0);
    w.add_fully_connected(i, k, -1, o);
    w.set_inputs({i});
    w.set_outputs({o});
    CHECK(load_error(w.build(), Status::unsupported) ==
          "operator 0 (FULLY_CONNECTED): input tensor 0 is FLOAT32, only INT8 is supported");
  }
  {  // bias scale far from s_in * s_w
    TinyFc m;
    m.in = m.w.add_int8("in", {1, 4}, 1.0f, 0);
    m.weights = m.w.add_int8("w", {3, 4}, 1.0f, 0, std::vector<int8_t>(12, 1));
    m.bias = m.w.add_int32("b", {3}, {1, 2, 3}, {0.5f});
    m.out = m.w.add_int8("out", {1, 3}, 1.0f, 0);
    m.w.add_fully_connected(m.in, m.weights, m.bias, m.out);
    m.w.set_inputs({m.in});
    m.w.set_outputs({m.out});
    CHECK(load_error(m.w.build(), Status::bad_model).find("bias scale") != std::string::npos);
  }
  {  // weights do not fit the input
    TinyFc m;
    m.in = m.w.add_int8("in", {1, 5}, 1.0f, 0);
    m.weights = m.w.add_int8("w", {3, 4}, 1.0f, 0, std::vector<int8_t>(12, 1));
    m.out = m.w.add_int8("out", {1, 3}, 1.0f, 0);
    m.w.add_fully_connected(m.in, m.weights, -1, m.out);
    m.w.set_inputs({m.in});
    m.w.set_outputs({m.out});
    CHECK(load_error(m.w.build(), Status::bad_model) ==
          "operator 0 (FULLY_CONNECTED): input shape [1, 5] does not fit weights [3, 4] and "
          "output [1, 3]");
  }
  {  // per-channel scale count does not match the rows
    TfliteWriter w;
    const int i = w.add_int8("in", {1, 4}, 1.0f, 0);
    tr::workloads::TensorSpec k{"w",
                                {3, 4},
                                tr::workloads::TfliteType::int8,
                                true,
                                {{0.1f, 0.2f}, {0, 0}, 0},
                                std::vector<uint8_t>(12, 1)};
    const int kt = w.add_tensor(k);
    const int o = w.add_int8("out", {1, 3}, 1.0f, 0);
    w.add_fully_connected(i, kt, -1, o);
    w.set_inputs({i});
    w.set_outputs({o});
    CHECK(load_error(w.build(), Status::bad_model).find("weights have 2 scales") !=
          std::string::npos);
  }
}

TEST_CASE("dataflow errors: reading a tensor nobody writes, too many tensors", "[interp][errors]") {
  {
    TfliteWriter w;
    const int in = w.add_int8("in", {1, 4}, 1.0f, 0);
    const int orphan = w.add_int8("orphan", {1, 4}, 1.0f, 0);
    const int k = w.add_int8("w", {3, 4}, 1.0f, 0, std::vector<int8_t>(12, 1));
    const int o = w.add_int8("out", {1, 3}, 1.0f, 0);
    w.add_fully_connected(orphan, k, -1, o);
    w.set_inputs({in});
    w.set_outputs({o});
    CHECK(load_error(w.build(), Status::bad_model) ==
          "operator 0 (FULLY_CONNECTED) reads tensor 1 before any operator writes it");
  }
  {
    TinyFc m = tiny_fc();
    for (int i = 0; i < 126; ++i) m.w.add_int8("pad" + std::to_string(i), {1}, 1.0f, 0);
    CHECK(load_error(m.w.build(), Status::no_memory) ==
          "model has 130 tensors, the engine holds at most 128");
  }
}
