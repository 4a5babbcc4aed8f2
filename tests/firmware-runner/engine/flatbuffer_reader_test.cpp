// The bounds-checked reader on hand-made buffers, and the loader's messages on patched models.
#include "engine/flatbuffer_reader.h"

#include <catch2/catch.hpp>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "builder/tflite_writer.h"
#include "support/model_runner.h"

using tr::ErrorText;
using tr::Status;
using tr::engine::FbTable;
using tr::engine::FbVector;
using tr::engine::FbWhere;
using tr::engine::FlatbufferReader;

namespace {

void put_u16(std::vector<uint8_t>& b, size_t at, uint16_t v) {
  std::memcpy(b.data() + at, &v, 2);
}
void put_u32(std::vector<uint8_t>& b, size_t at, uint32_t v) {
  std::memcpy(b.data() + at, &v, 4);
}

// 0: root uoffset -> 16 | 4: "TEST" | 8: vtable {8, 12, 4, 8} | 16: table {soffset 8,
// u32 0x11223344, uoffset -> 28} | 28: vector [2: 1, 2]  (40 bytes)
std::vector<uint8_t> sample() {
  std::vector<uint8_t> b(40, 0);
  put_u32(b, 0, 16);
  std::memcpy(b.data() + 4, "TEST", 4);
  put_u16(b, 8, 8);
  put_u16(b, 10, 12);
  put_u16(b, 12, 4);
  put_u16(b, 14, 8);
  put_u32(b, 16, 8);
  put_u32(b, 20, 0x11223344u);
  put_u32(b, 24, 4);
  put_u32(b, 28, 2);
  put_u32(b, 32, 1);
  put_u32(b, 36, 2);
  return b;
}

const FbWhere kWhere{"T", 2, "v"};

// Reads the sample's root table, scalar slot 0 and vector slot 1; returns the first failure.
Status read_sample(const std::vector<uint8_t>& b, std::string& msg) {
  FlatbufferReader r(b.data(), static_cast<uint32_t>(b.size()));
  ErrorText err;
  FbTable root;
  uint32_t value = 0;
  FbVector vec;
  Status s = r.root("TEST", root, err);
  if (s == Status::ok) s = r.scalar<uint32_t>(root, 0, 0, kWhere, value, err);
  if (s == Status::ok) s = r.vector(root, 1, 4, kWhere, vec, err);
  msg = err.c_str();
  return s;
}

}  // namespace

TEST_CASE("reader reads fields, vectors and schema defaults", "[fb]") {
  std::vector<uint8_t> b = sample();
  FlatbufferReader r(b.data(), static_cast<uint32_t>(b.size()));
  ErrorText err;
  FbTable root;
  REQUIRE(r.root("TEST", root, err) == Status::ok);
  uint32_t v = 0;
  REQUIRE(r.scalar<uint32_t>(root, 0, 5, kWhere, v, err) == Status::ok);
  CHECK(v == 0x11223344u);
  REQUIRE(r.scalar<uint32_t>(root, 7, 77, kWhere, v, err) == Status::ok);  // past the vtable
  CHECK(v == 77u);
  FbVector vec;
  REQUIRE(r.vector(root, 1, 4, kWhere, vec, err) == Status::ok);
  REQUIRE(vec.count == 2);
  CHECK(r.element<uint32_t>(vec, 0) == 1);
  CHECK(r.element<uint32_t>(vec, 1) == 2);
  put_u16(b, 12, 0);  // slot 0 entry 0: absent -> default
  REQUIRE(r.scalar<uint32_t>(root, 0, 9, kWhere, v, err) == Status::ok);
  CHECK(v == 9u);
}

TEST_CASE("reader reports header problems", "[fb][errors]") {
  std::string msg;
  std::vector<uint8_t> b = sample();
  b[5] = 'X';
  CHECK(read_sample(b, msg) == Status::bad_model);
  CHECK(msg == "missing TEST identifier");
  std::vector<uint8_t> tiny(5, 0);
  CHECK(read_sample(tiny, msg) == Status::bad_model);
  CHECK(msg == "model is 5 bytes, smaller than the 8-byte header");
  b = sample();
  put_u32(b, 0, 1000);
  CHECK(read_sample(b, msg) == Status::bad_model);
  CHECK(msg ==
        "out of range: Model root offset at 0x00000000 points past the end of the 40-byte model");
}

TEST_CASE("reader rejects vector lengths that overflow or run past the end", "[fb][errors]") {
  std::string msg;
  for (uint32_t count : {3u, 0x40000000u, 0xffffffffu}) {
    std::vector<uint8_t> b = sample();
    put_u32(b, 28, count);
    CHECK(read_sample(b, msg) == Status::bad_model);
    CHECK(msg ==
          "truncated: T 2 v vector at offset 0x0000001c runs past the end of the 40-byte model");
  }
}

TEST_CASE("reader rejects offsets out of range", "[fb][errors]") {
  std::string msg;
  std::vector<uint8_t> b = sample();
  put_u32(b, 24, 0x1000);
  CHECK(read_sample(b, msg) == Status::bad_model);
  CHECK(msg.rfind("out of range: T 2 v vector offset at 0x00000018", 0) == 0);
  put_u32(b, 24, 0xfffffff0u);  // would wrap around in 32 bits
  CHECK(read_sample(b, msg) == Status::bad_model);
}

TEST_CASE("reader rejects bad, cyclic and out-of-range vtables", "[fb][errors]") {
  std::string msg;
  std::vector<uint8_t> b = sample();
  put_u32(b, 16, static_cast<uint32_t>(-100));  // vtable past the end
  CHECK(read_sample(b, msg) == Status::bad_model);
  CHECK(msg == "corrupt: Model table at offset 0x00000010 has its vtable outside the model");
  put_u32(b, 16, 20);  // vtable before the buffer start
  CHECK(read_sample(b, msg) == Status::bad_model);
  put_u32(b, 16, 0);  // the table is its own vtable: sizes read from the soffset itself
  CHECK(read_sample(b, msg) == Status::bad_model);
  CHECK(msg == "corrupt: Model vtable at offset 0x00000010 has invalid sizes 0/0");
  b = sample();
  put_u16(b, 8, 7);  // odd vtable size
  CHECK(read_sample(b, msg) == Status::bad_model);
  b = sample();
  put_u16(b, 8, 0xfff0);  // vtable runs past the end
  CHECK(read_sample(b, msg) == Status::bad_model);
  CHECK(msg.rfind("truncated: Model vtable at offset 0x00000008", 0) == 0);
  b = sample();
  put_u16(b, 10, 100);  // inline size past the end
  CHECK(read_sample(b, msg) == Status::bad_model);
  CHECK(msg.rfind("truncated: Model table at offset 0x00000010", 0) == 0);
  b = sample();
  put_u16(b, 14, 10);  // field overlapping the end of its 12-byte table
  CHECK(read_sample(b, msg) == Status::bad_model);
  CHECK(msg == "corrupt: T 2 v field at table offset 0x00000010 lies outside its table");
}

// ---- Loader messages on a writer-built model, patched at positions found with the reader.

namespace {

struct Located {
  std::vector<uint8_t> bytes;
  FlatbufferReader r;
  FbTable model, subgraph;
  explicit Located(std::vector<uint8_t> b)
      : bytes(std::move(b)), r(bytes.data(), static_cast<uint32_t>(bytes.size())) {
    ErrorText err;
    REQUIRE(r.root("TFL3", model, err) == Status::ok);
    FbVector subgraphs;
    REQUIRE(r.vector(model, 2, 4, kWhere, subgraphs, err) == Status::ok);
    REQUIRE(r.table_element(subgraphs, 0, kWhere, subgraph, err) == Status::ok);
  }
  FbTable element(const FbTable& parent, int slot, uint32_t i) {
    ErrorText err;
    FbVector v;
    FbTable t;
    REQUIRE(r.vector(parent, slot, 4, kWhere, v, err) == Status::ok);
    REQUIRE(r.table_element(v, i, kWhere, t, err) == Status::ok);
    return t;
  }
  uint32_t field(const FbTable& t, int slot) {
    uint16_t off;
    std::memcpy(&off, bytes.data() + t.vtable + 4 + 2 * slot, 2);
    REQUIRE(off != 0);
    return t.pos + off;
  }
  uint32_t target(const FbTable& t, int slot) {  // where a uoffset field points
    const uint32_t at = field(t, slot);
    uint32_t off;
    std::memcpy(&off, bytes.data() + at, 4);
    return at + off;
  }
  std::string load(Status expected) {
    tr::test::ModelRunner runner(bytes);
    const Status s = runner.load();
    INFO(runner.err().c_str());
    CHECK(s == expected);
    return runner.err().c_str();
  }
};

std::vector<uint8_t> two_layer_model() {
  tr::workloads::TfliteWriter w;
  const int in = w.add_int8("in", {1, 4}, 0.5f, 0);
  const int k = w.add_int8("w", {2, 4}, 0.1f, 0, {1, 2, 3, 4, 5, 6, 7, 8});
  const int b = w.add_int32("b", {2}, {100, -100}, {0.05f});
  const int out = w.add_int8("out", {1, 2}, 0.2f, 0);
  w.add_fully_connected(in, k, b, out, tr::workloads::FusedActivation::relu);
  w.set_inputs({in});
  w.set_outputs({out});
  return w.build();
}

}  // namespace

TEST_CASE("loader names the table and offset of a truncated vector", "[fb][errors]") {
  Located m(two_layer_model());
  REQUIRE(m.load(Status::ok).empty());
  const FbTable tensor1 = m.element(m.subgraph, 0, 1);
  const uint32_t shape = m.target(tensor1, 0);
  put_u32(m.bytes, shape, 0x20000000);
  char hex[16];
  std::snprintf(hex, sizeof hex, "0x%08x", shape);
  CHECK(m.load(Status::bad_model) == std::string("truncated: Tensor 1 shape vector at offset ") +
                                         hex + " runs past the end of the " +
                                         std::to_string(m.bytes.size()) + "-byte model");
}

TEST_CASE("loader rejects bad versions, indices and data sizes", "[fb][errors]") {
  {
    Located m(two_layer_model());
    put_u32(m.bytes, m.field(m.model, 0), 2);
    CHECK(m.load(Status::unsupported) == "model schema version is 2, expected 3");
  }
  {
    Located m(two_layer_model());
    put_u32(m.bytes, m.field(m.element(m.subgraph, 0, 1), 2), 99);  // Tensor 1 buffer
    CHECK(m.load(Status::bad_model) == "Tensor 1 buffer index 99 is out of range (5 buffers)");
  }
  {
    Located m(two_layer_model());
    const uint32_t inputs = m.target(m.element(m.subgraph, 3, 0), 1);  // Operator 0 inputs
    put_u32(m.bytes, inputs + 4, 77);
    CHECK(m.load(Status::bad_model) ==
          "operator 0 (FULLY_CONNECTED) input 0 refers to tensor 77 (4 tensors)");
    put_u32(m.bytes, inputs + 4, static_cast<uint32_t>(-5));
    CHECK(m.load(Status::bad_model) ==
          "operator 0 (FULLY_CONNECTED) input 0 refers to tensor -5 (4 tensors)");
  }
  {
    Located m(two_layer_model());
    put_u32(m.bytes, m.field(m.element(m.subgraph, 3, 0), 0), 3);  // opcode_index
    CHECK(m.load(Status::bad_model) ==
          "operator 0 opcode_index 3 is out of range (1 operator codes)");
  }
  {
    Located m(two_layer_model());
    const uint32_t data = m.target(m.element(m.model, 4, 2), 0);  // Buffer 2 = tensor 1's data
    put_u32(m.bytes, data, 7);
    CHECK(m.load(Status::bad_model) == "Tensor 1 data is 7 bytes, its shape needs 8");
  }
  {
    Located m(two_layer_model());
    const uint32_t shape = m.target(m.element(m.subgraph, 0, 0), 0);
    put_u32(m.bytes, shape + 8, static_cast<uint32_t>(-3));
    CHECK(m.load(Status::bad_model) == "Tensor 0 dimension 1 is -3");
  }
}

TEST_CASE("self references and backward pointers fail cleanly", "[fb][errors]") {
  for (int variant = 0; variant < 3; ++variant) {
    INFO("variant " << variant);
    Located m(two_layer_model());
    ErrorText err;
    FbVector subgraphs;
    REQUIRE(m.r.vector(m.model, 2, 4, kWhere, subgraphs, err) == Status::ok);
    if (variant == 0) {
      put_u32(m.bytes, subgraphs.pos, 0);  // the subgraph "table" is its own offset slot
    } else if (variant == 1) {
      put_u32(m.bytes, subgraphs.pos, m.model.pos - subgraphs.pos);  // back to the root: wraps
    } else {
      put_u32(m.bytes, m.field(m.subgraph, 0), 0);  // tensors vector = its own offset field
    }
    m.load(Status::bad_model);
  }
}
