// load() must return (never crash, never read out of bounds) on truncated, bit-flipped and
// random inputs. Each candidate sits in an exactly-sized heap block so the sanitizer build
// catches any overread; a model that still loads must also run.
#include <catch2/catch.hpp>
#include <cstring>

#include "builder/fc_stack_model.h"
#include "builder/prng.h"
#include "builder/tflite_writer.h"
#include "engine/interpreter.h"
#include "support/model_runner.h"
#include "support/test_paths.h"

using tr::Status;

namespace {

struct Outcome {
  int loaded = 0;
  int rejected = 0;
};

// Loads `bytes`; when that succeeds, runs it once on a fixed input.
Status try_model(const std::vector<uint8_t>& bytes, Outcome& outcome) {
  std::vector<uint8_t> model(bytes);  // exact size, fresh allocation
  std::vector<uint8_t> arena(32 * 1024);
  auto interp = std::make_unique<tr::engine::Interpreter>(arena.data(), 32 * 1024);
  tr::ErrorText err;
  const Status s = interp->load(model.data(), static_cast<uint32_t>(model.size()), err);
  if (s != Status::ok) {
    ++outcome.rejected;
    CHECK_FALSE(err.empty());  // every failure says why
    return s;
  }
  ++outcome.loaded;
  tr::engine::TensorView in = interp->input();
  if (in.data != nullptr) std::memset(in.data, 0x5a, in.bytes);
  CHECK(interp->invoke(err) == Status::ok);
  return s;
}

std::vector<uint8_t> small_model() {
  tr::workloads::TfliteWriter w;
  const int in = w.add_int8("in", {1, 6}, 0.3f, -4);
  const int k1 = w.add_int8("w1", {4, 6}, 0.02f, 0, std::vector<int8_t>(24, 9));
  const int b1 = w.add_int32("b1", {4}, {1, -2, 3, -4}, {0.006f});
  const int h = w.add_int8("h", {1, 4}, 0.1f, -128);
  const int r = w.add_int8("r", {2, 2}, 0.1f, -128);
  const int k2 = w.add_int8("w2", {3, 2}, 0.05f, 0, {1, -1, 2, -2, 3, -3});
  const int out = w.add_int8("out", {2, 3}, 0.07f, 11);
  w.add_fully_connected(in, k1, b1, h, tr::workloads::FusedActivation::relu);
  const std::vector<int32_t> shape = {2, 2};
  w.add_reshape(h, r, &shape);
  w.add_fully_connected(r, k2, -1, out, tr::workloads::FusedActivation::relu6);
  w.set_inputs({in});
  w.set_outputs({out});
  return w.build();
}

void flip_bytes(const std::vector<uint8_t>& model, uint64_t seed, int rounds, Outcome& outcome) {
  tr::workloads::SplitMix64 rng(seed);
  for (int i = 0; i < rounds; ++i) {
    std::vector<uint8_t> m = model;
    const int flips = rng.uniform_int(1, 4);
    for (int f = 0; f < flips; ++f) {
      const auto at = static_cast<size_t>(rng.uniform_int(0, static_cast<int32_t>(m.size() - 1)));
      m[at] = static_cast<uint8_t>(rng.uniform_int(0, 255));
    }
    try_model(m, outcome);
  }
}

}  // namespace

TEST_CASE("truncating a valid model at every length never crashes", "[robust]") {
  const std::vector<uint8_t> model = small_model();
  Outcome outcome;
  REQUIRE(try_model(model, outcome) == Status::ok);
  for (size_t len = 0; len < model.size(); ++len) {
    INFO("length " << len << " of " << model.size());
    const Status s = try_model({model.begin(), model.begin() + static_cast<long>(len)}, outcome);
    if (len + 16 <= model.size()) CHECK(s != Status::ok);  // only tail padding may go
  }
  CHECK(outcome.rejected >= static_cast<int>(model.size()) - 16);
}

TEST_CASE("random byte changes never crash the loader", "[robust]") {
  Outcome small;
  flip_bytes(small_model(), 1, 4000, small);
  CHECK(small.rejected > 0);
  CHECK(small.loaded > 0);  // flips in weights are harmless
  Outcome stack;
  flip_bytes(tr::workloads::make_fc_stack_model(5, {64, 32, 8, 32, 64}), 2, 400, stack);
  CHECK(stack.rejected + stack.loaded == 400);
}

TEST_CASE("random buffers with a TFL3 identifier never crash the loader", "[robust]") {
  tr::workloads::SplitMix64 rng(3);
  Outcome outcome;
  for (int i = 0; i < 2000; ++i) {
    std::vector<uint8_t> m(static_cast<size_t>(rng.uniform_int(0, 600)));
    for (auto& b : m) b = static_cast<uint8_t>(rng.uniform_int(0, i % 2 == 0 ? 255 : 8));
    if (m.size() >= 8) std::memcpy(m.data() + 4, "TFL3", 4);
    try_model(m, outcome);
  }
  CHECK(outcome.rejected > 1900);
}

TEST_CASE("random byte changes in the MLPerf AD model never crash the loader", "[robust][mlperf]") {
  const auto dir = tr::test::mlperf_models_dir();
  if (!dir || !std::filesystem::exists(*dir / "ad01_int8.tflite")) {
    WARN("skipped: MLPerf Tiny models not found (set TINYRACK_MLPERF_MODELS)");
    return;
  }
  const std::vector<uint8_t> model = tr::test::read_binary(*dir / "ad01_int8.tflite");
  Outcome outcome;
  flip_bytes(model, 4, 150, outcome);
  CHECK(outcome.loaded + outcome.rejected == 150);
}
