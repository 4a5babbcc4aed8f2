// End-to-end check on the MLPerf Tiny AD model (ad01_int8.tflite) against the TFLM golden
// values in tflite-format.md §3.6: first 16 outputs, the sum of all 640, and the CRC-32 of the
// input and of every operator's output. Skipped when the models are not available.
#include <catch2/catch.hpp>
#include <numeric>

#include "builder/input_patterns.h"
#include "common/crc32.h"
#include "support/model_runner.h"
#include "support/test_paths.h"

using tr::workloads::Pattern;

namespace {

struct Golden {
  Pattern pattern;
  const char* name;
  std::vector<int8_t> first16;
  int64_t sum;
  uint32_t input_crc;
  std::vector<uint32_t> op_crcs;
};

const Golden kGolden[] = {
    {Pattern::p0,
     "P0",
     {-70, -27, -8, 17, 20, 24, 29, 40, 26, 32, 34, 35, 30, 33, 31, 35},
     1542,
     0xf2ba854b,
     {0xa9f68393, 0x0805517e, 0x3949bd7c, 0xa4b9d3f1, 0x4fb695e2, 0x36e0461b, 0xe736accb,
      0xfc1de04b, 0xa5a52dbe, 0xee735e49}},
    {Pattern::p1,
     "P1",
     {-3, 42, 64, 78, 84, 94, 90, 89, 82, 81, 75, 72, 73, 80, 75, 70},
     31559,
     0xf31a3dd4,
     {0xb9bc5d9b, 0x6c8d0e43, 0x4c2937f1, 0x9a7bb45b, 0x3b51a06f, 0x5b3411d1, 0x6c69292d,
      0x82ec73fa, 0xfd52a4a2, 0x175e4ad1}},
    {Pattern::p2,
     "P2",
     {-28, 6, 15, 36, 56, 74, 49, 44, 37, 41, 40, 45, 40, 39, 35, 35},
     4459,
     0x4b8fa37a,
     {0x5cf3c816, 0x907891a1, 0x6cfb9f75, 0xbf56f21d, 0xf0cb9e13, 0xbcf9fa25, 0x18c3c04d,
      0x3bbaf4e6, 0xe03f6b1a, 0x3233da88}},
};

void record_crc(void* ctx, uint32_t, const tr::engine::TensorView& out) {
  static_cast<std::vector<uint32_t>*>(ctx)->push_back(tr::crc32(out.data, out.bytes));
}

}  // namespace

TEST_CASE("ad01 matches TFLM's golden outputs and per-operator CRCs", "[mlperf][ad01]") {
  const auto dir = tr::test::mlperf_models_dir();
  if (!dir || !std::filesystem::exists(*dir / "ad01_int8.tflite")) {
    WARN("skipped: MLPerf Tiny models not found (set TINYRACK_MLPERF_MODELS)");
    return;
  }
  // ModelRunner copies the bytes into a heap block (16-byte aligned by operator new).
  tr::test::ModelRunner runner(tr::test::read_binary(*dir / "ad01_int8.tflite"));
  REQUIRE(reinterpret_cast<uintptr_t>(runner.model().data()) % 4 == 0);
  const tr::Status s = runner.load();
  INFO(runner.err().c_str());
  REQUIRE(s == tr::Status::ok);
  const auto in = runner.interp().input();
  REQUIRE(in.bytes == 640);
  CHECK(in.zero_point == 89);
  CHECK(runner.interp().output().zero_point == 96);
  const auto mem = runner.interp().memory();
  CHECK(mem.operator_count == 10);
  CHECK(mem.tensor_count == 31);
  // The input (640) is dead after operator 0 and the output (640) is born at the last one, so
  // the peak is one 640-byte end plus one 128-wide activation beside it.
  CHECK(mem.activation_bytes == 640 + 128);

  for (const Golden& g : kGolden) {
    INFO("pattern " << g.name);
    const auto input = tr::workloads::make_pattern_input(g.pattern, 640, in.zero_point);
    CHECK(tr::crc32(reinterpret_cast<const uint8_t*>(input.data()), input.size()) == g.input_crc);
    std::vector<uint32_t> crcs;
    runner.interp().set_observer(record_crc, &crcs);
    const std::vector<int8_t> out = runner.run(input);
    REQUIRE(out.size() == 640);
    CHECK(std::vector<int8_t>(out.begin(), out.begin() + 16) == g.first16);
    CHECK(std::accumulate(out.begin(), out.end(), int64_t{0}) == g.sum);
    CHECK(crcs == g.op_crcs);
  }
}
