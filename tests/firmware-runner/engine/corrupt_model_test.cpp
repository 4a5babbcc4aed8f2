// A corpus of corrupt models, part 1: the file structure. Valid models (model_spec.h and, when
// present, the MLPerf KWS model) are cut, redirected or given impossible counts at every
// landmark the loader visits (model_landmarks.h); load() must fail with bad_model and name the
// object in the reader's words, e.g. "Tensor 3 shape". Field-level faults: corrupt_field_test.
#include <catch2/catch.hpp>
#include <cstring>
#include <memory>
#include <string>

#include "engine/interpreter.h"
#include "model_landmarks.h"
#include "model_spec.h"
#include "support/model_runner.h"
#include "support/test_paths.h"

using Catch::Matchers::Contains;
using Catch::Matchers::Matches;
using tr::Status;
using tr::test::Landmark;
using tr::test::ModelSpec;

namespace {

struct Loaded {
  Status status;
  std::string message;
};

// Loads `bytes` from an exactly sized heap copy (the sanitizer build sees any overread).
Loaded load(const std::vector<uint8_t>& bytes, uint32_t arena_bytes = 64 * 1024) {
  const std::vector<uint8_t> model(bytes);
  std::vector<uint8_t> arena(arena_bytes);
  auto interp = std::make_unique<tr::engine::Interpreter>(arena.data(), arena_bytes);
  tr::ErrorText err;
  const Status s = interp->load(model.data(), static_cast<uint32_t>(model.size()), err);
  if (s == Status::ok) {
    const tr::engine::TensorView in = interp->input();
    std::memset(in.data, 0x11, in.bytes);
    REQUIRE(interp->invoke(err) == Status::ok);
  }
  return {s, err.c_str()};
}

void write_u32(std::vector<uint8_t>& m, uint32_t pos, uint32_t v) {
  REQUIRE(pos + 4 <= m.size());
  std::memcpy(m.data() + pos, &v, 4);
}

const char* kind_name(Landmark::Kind k) {
  switch (k) {
    case Landmark::Kind::table:
      return "table";
    case Landmark::Kind::vector:
      return "vector";
    case Landmark::Kind::offset:
      return "offset";
  }
  return "?";
}

struct NamedModel {
  std::string name;
  std::vector<uint8_t> bytes;
};

std::vector<NamedModel> valid_models() {
  std::vector<NamedModel> out = {{"fc_reshape", tr::test::fc_reshape_model().build()},
                                 {"conv", tr::test::conv_model().build()},
                                 {"elementwise", tr::test::elementwise_model().build()},
                                 {"quantize", tr::test::quantize_model().build()}};
  const auto dir = tr::test::mlperf_models_dir();
  if (dir && std::filesystem::exists(*dir / "kws_ref_model.tflite"))
    out.push_back({"kws", tr::test::read_binary(*dir / "kws_ref_model.tflite")});
  return out;
}

}  // namespace

TEST_CASE("the valid models behind the corpus load and run", "[corrupt]") {
  for (const NamedModel& m : valid_models()) {
    INFO(m.name);
    const Loaded r = load(m.bytes, 128 * 1024);
    INFO("error: " << r.message);
    CHECK(r.status == Status::ok);
  }
}

TEST_CASE("a model cut at any structural boundary is rejected as truncated", "[corrupt]") {
  for (const NamedModel& m : valid_models()) {
    const std::vector<Landmark> marks = tr::test::model_landmarks(m.bytes);
    REQUIRE(marks.size() > 20);
    for (const Landmark& mark : marks) {
      // At the landmark, and just past its first byte (a torn count, offset or soffset).
      for (uint32_t len : {mark.pos, mark.pos + 1}) {
        if (len == 0) continue;  // an empty vector has no data pointer: a different error
        INFO(m.name << ": cut at " << len << " (" << kind_name(mark.kind) << " " << mark.what
                    << ")");
        const Loaded r = load({m.bytes.begin(), m.bytes.begin() + len});
        INFO("error: " << r.message);
        CHECK(r.status == Status::bad_model);
        CHECK_THAT(r.message, Matches(len < 8 ? ".*smaller than the 8-byte header.*"
                                              : ".*(truncated|past the end|outside the model).*"));
      }
    }
  }
}

TEST_CASE("an offset pointing past the end names the object it leads to", "[corrupt]") {
  for (const NamedModel& m : valid_models()) {
    for (const Landmark& mark : tr::test::model_landmarks(m.bytes)) {
      if (mark.kind != Landmark::Kind::offset) continue;
      for (uint32_t beyond : {0u, 4u, 0x7fffffffu}) {
        INFO(m.name << ": " << mark.what << " offset at " << mark.pos << " -> end + " << beyond);
        std::vector<uint8_t> bad = m.bytes;
        write_u32(bad, mark.pos, static_cast<uint32_t>(bad.size()) - mark.pos + beyond);
        const Loaded r = load(bad);
        INFO("error: " << r.message);
        CHECK(r.status == Status::bad_model);
        CHECK_THAT(r.message, Contains(mark.what + " "));
        CHECK_THAT(r.message, Contains("past the end"));
      }
    }
  }
}

TEST_CASE("a vtable outside the model names the table", "[corrupt]") {
  for (const NamedModel& m : valid_models()) {
    for (const Landmark& mark : tr::test::model_landmarks(m.bytes)) {
      if (mark.kind != Landmark::Kind::table) continue;
      const auto size = static_cast<int64_t>(m.bytes.size());
      // soffset: vtable = table - soffset, so these put it before the start / past the end.
      for (int64_t soffset : {int64_t{mark.pos} + 4, int64_t{mark.pos} - size}) {
        INFO(m.name << ": " << mark.what << " table at " << mark.pos << ", soffset " << soffset);
        std::vector<uint8_t> bad = m.bytes;
        write_u32(bad, mark.pos, static_cast<uint32_t>(static_cast<int32_t>(soffset)));
        const Loaded r = load(bad);
        INFO("error: " << r.message);
        CHECK(r.status == Status::bad_model);
        CHECK_THAT(r.message, Contains(mark.what + " table"));
        CHECK_THAT(r.message, Contains("vtable outside the model"));
      }
    }
  }
}

TEST_CASE("a vector count running past the end names the vector", "[corrupt]") {
  for (const NamedModel& m : valid_models()) {
    for (const Landmark& mark : tr::test::model_landmarks(m.bytes)) {
      if (mark.kind != Landmark::Kind::vector) continue;
      for (uint32_t count : {0x7fffffffu, 0xffffffffu}) {
        INFO(m.name << ": " << mark.what << " vector at " << mark.pos << ", count " << count);
        std::vector<uint8_t> bad = m.bytes;
        write_u32(bad, mark.pos, count);
        const Loaded r = load(bad);
        INFO("error: " << r.message);
        CHECK(r.status == Status::bad_model);
        CHECK_THAT(r.message, Contains(mark.what + " vector"));
      }
    }
  }
}

TEST_CASE("a vtable entry outside its table names the table and field", "[corrupt]") {
  // Model.version (slot 0) moved past the Model table's inline size.
  std::vector<uint8_t> bad = tr::test::fc_reshape_model().build();
  const std::vector<Landmark> marks = tr::test::model_landmarks(bad);
  const uint32_t root = marks[1].pos;
  REQUIRE(marks[1].what == "Model");
  int32_t soffset;
  std::memcpy(&soffset, bad.data() + root, 4);
  const auto vtable = static_cast<uint32_t>(static_cast<int64_t>(root) - soffset);
  const uint16_t huge = 0xfff0;
  std::memcpy(bad.data() + vtable + 4, &huge, 2);
  const Loaded r = load(bad);
  CHECK(r.status == Status::bad_model);
  CHECK_THAT(r.message, Contains("Model version field"));
  CHECK_THAT(r.message, Contains("outside its table"));
}
