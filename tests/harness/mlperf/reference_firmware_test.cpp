#include "mlperf/reference_firmware.h"

#include <catch2/catch.hpp>
#include <cstring>
#include <vector>

using namespace tr::harness::mlperf;

TEST_CASE("reference model files map to MLPerf Tiny model ids", "[mlperf][reference]") {
  CHECK(mlperf_model_id("ad01_int8.tflite") == "ad01");
  CHECK(mlperf_model_id("kws_ref_model.tflite") == "kws01");
  CHECK(mlperf_model_id("vww_96_int8.tflite") == "vww01");
  CHECK(mlperf_model_id("pretrainedResnet_quant.tflite") == "ic01");
  CHECK(mlperf_model_id("pretrainedResnet_large_int8.tflite") == "ic02");
  CHECK_FALSE(mlperf_model_id("my_model.tflite"));
  tr::config::WorkloadSpec spec;
  CHECK_FALSE(mlperf_model_id(spec));
  spec.model.mlperf = "ad01_int8.tflite";
  CHECK(mlperf_model_id(spec) == "ad01");
}

TEST_CASE("each model id gets its reference firmware's db encoding and results",
          "[mlperf][reference]") {
  CHECK(reference_firmware("ad01").input == DbEncoding::float32);
  CHECK(reference_firmware("ad01").results == ResultKind::reconstruction_mse);
  CHECK(reference_firmware("ic01").input == DbEncoding::uint8_minus_128);
  CHECK(reference_firmware("vww01").input == DbEncoding::uint8_minus_128);
  CHECK(reference_firmware("kws01").input == DbEncoding::int8);
  CHECK(reference_firmware("kws01").results == ResultKind::outputs);
}

TEST_CASE("db payloads encode the input tensor for the DUT", "[mlperf][reference]") {
  const std::vector<uint8_t> tensor = {0x80, 0x00, 0x7f, 0x81};
  CHECK(db_payload(tensor, DbEncoding::int8, {}) == tensor);
  CHECK(db_payload(tensor, DbEncoding::uint8_minus_128, {}) ==
        std::vector<uint8_t>{0x00, 0x80, 0xff, 0x01});
  const std::vector<float> reals = {1.0f, -2.5f};
  auto bytes = db_payload(tensor, DbEncoding::float32, reals);
  REQUIRE(bytes.size() == 8);
  CHECK(bytes == std::vector<uint8_t>{0x00, 0x00, 0x80, 0x3f, 0x00, 0x00, 0x20, 0xc0});
}

TEST_CASE("expected scores are the dequantized outputs or their MSE", "[mlperf][reference]") {
  const std::vector<uint8_t> out = {4, 0, 8, 0};
  const tr::dataset::Quantization q{0.25f, 0};
  CHECK(expected_scores(out, q, ResultKind::outputs, {}) == std::vector<float>{1, 0, 2, 0});
  const std::vector<float> inputs = {1.0f, -0.5f, 2.26f, 10.0f};
  auto mse = expected_scores(out, q, ResultKind::reconstruction_mse, inputs);
  REQUIRE(mse.size() == 1);
  CHECK(mse[0] == Approx(25.0794f));
  const tr::dataset::Quantization shifted{1.0f / 256, -128};
  CHECK(expected_scores(std::vector<uint8_t>{0x80}, shifted, ResultKind::outputs, {}) ==
        std::vector<float>{0.0f});
}

TEST_CASE("scores match at the printed precision and no looser", "[mlperf][reference]") {
  const std::vector<float> host = {0.7612f, 0.0039f, 25.0794f};
  CHECK(scores_match(std::vector<float>{0.761f, 0.004f, 25.079f}, host));
  CHECK(scores_match(std::vector<float>{0.762f, 0.004f, 25.080f}, host));
  CHECK_FALSE(scores_match(std::vector<float>{0.765f, 0.004f, 25.079f}, host));
  CHECK_FALSE(scores_match(std::vector<float>{0.761f, 0.004f}, host));
}

TEST_CASE("printed class scores give back the raw output tensor", "[mlperf][reference]") {
  const tr::dataset::Quantization softmax{1.0f / 256, -128};
  // 0.761 printed for q = 67 (0.76171875), 1.000 for 127 (0.99609375), 0.000 for -128.
  CHECK(outputs_from_scores(std::vector<float>{0.761f, 0.996f, 0.0f}, softmax) ==
        std::vector<uint8_t>{67, 127, 0x80});
  CHECK(outputs_from_scores(std::vector<float>{}, softmax).empty());
}
