// End-to-end checks on the MLPerf Tiny KWS, VWW and IC reference models against TFLM's golden
// values (tflite-format.md §3.6): the CRC-32 of the input and of every operator's output, the
// final int8 outputs for patterns P0-P2, and softmax sanity. (ad01 has its own test.) Each model
// is skipped when the MLPerf Tiny models are not available.
#include <catch2/catch.hpp>
#include <numeric>
#include <vector>

#include "builder/input_patterns.h"
#include "common/crc32.h"
#include "support/mlperf_goldens.h"
#include "support/model_runner.h"
#include "support/test_paths.h"

using tr::test::ModelGolden;
using tr::test::PatternGolden;

namespace {

void record_crc(void* ctx, uint32_t, const tr::engine::TensorView& out) {
  static_cast<std::vector<uint32_t>*>(ctx)->push_back(tr::crc32(out.data, out.bytes));
}

void check_model(const ModelGolden& g) {
  const auto dir = tr::test::mlperf_models_dir();
  if (!dir || !std::filesystem::exists(*dir / g.file)) {
    WARN("skipped: " << g.file << " not found (set TINYRACK_MLPERF_MODELS)");
    return;
  }
  tr::test::ModelRunner runner(tr::test::read_binary(*dir / g.file), 512 * 1024);
  const tr::Status s = runner.load();
  INFO(g.id << ": " << runner.err().c_str());
  REQUIRE(s == tr::Status::ok);
  const auto in = runner.interp().input();
  REQUIRE(in.bytes == g.input_bytes);
  // Every classifier ends in softmax: output scale 1/256, zero point -128.
  CHECK(runner.interp().output().zero_point == -128);
  CHECK(runner.interp().output().scale == Approx(1.0 / 256));

  for (const PatternGolden& p : g.patterns) {
    INFO(g.id << " pattern " << p.name);
    const auto input = tr::workloads::make_pattern_input(p.pattern, in.bytes, in.zero_point);
    CHECK(tr::crc32(reinterpret_cast<const uint8_t*>(input.data()), input.size()) == p.input_crc);
    std::vector<uint32_t> crcs;
    runner.interp().set_observer(record_crc, &crcs);
    const std::vector<int8_t> out = runner.run(input);
    CHECK(crcs == p.op_crcs);
    CHECK(out == p.output);
    // Probabilities in 1/256 steps sum to about 256 (each output rounds on its own).
    int sum =
        std::accumulate(out.begin(), out.end(), 0, [](int a, int8_t v) { return a + v + 128; });
    CHECK(std::abs(sum - 256) <= static_cast<int>(out.size()));
  }
}

}  // namespace

TEST_CASE("kws01 matches TFLM's golden outputs and per-operator CRCs", "[mlperf][kws]") {
  check_model(tr::test::mlperf_goldens()[0]);
}

TEST_CASE("vww01 matches TFLM's golden outputs and per-operator CRCs", "[mlperf][vww]") {
  check_model(tr::test::mlperf_goldens()[1]);
}

TEST_CASE("ic01 matches TFLM's golden outputs and per-operator CRCs", "[mlperf][ic]") {
  check_model(tr::test::mlperf_goldens()[2]);
}

TEST_CASE("MAC counts of the MLPerf Tiny models follow from their shapes", "[mlperf][macs]") {
  // KWS by hand from tflite-format.md §3.1: conv 25x5x64 x 10x4x1; four depthwise 25x5x64 x 3x3;
  // four pointwise 25x5x64 x 64; FC 12 x 64.
  const uint64_t kws = 8000ull * 40 + 4 * 8000ull * 9 + 4 * 8000ull * 64 + 12 * 64;
  const auto dir = tr::test::mlperf_models_dir();
  if (!dir || !std::filesystem::exists(*dir / "kws_ref_model.tflite")) {
    WARN("skipped: MLPerf Tiny models not found (set TINYRACK_MLPERF_MODELS)");
    return;
  }
  tr::test::ModelRunner runner(tr::test::read_binary(*dir / "kws_ref_model.tflite"), 512 * 1024);
  REQUIRE(runner.load() == tr::Status::ok);
  CHECK(runner.interp().mac_count() == kws);
  tr::test::ModelRunner ad(tr::test::read_binary(*dir / "ad01_int8.tflite"), 512 * 1024);
  REQUIRE(ad.load() == tr::Status::ok);
  // 640x128 + 3 x 128x128 + 128x8 + 8x128 + 3 x 128x128 + 128x640
  CHECK(ad.interp().mac_count() == 2 * 640ull * 128 + 6 * 128ull * 128 + 2 * 8ull * 128);
}
