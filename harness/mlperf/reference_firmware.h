// What a vendor's MLPerf Tiny firmware (a standard-only DUT) expects and prints, by model id,
// after the reference submissions (facts/dut-protocol.md §3.1, §11): the bytes `db` carries for
// one input, the values of its `m-results-[...]` line, and how the harness checks those values
// against its own engine.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "config/workload_spec.h"
#include "dataset/input_conversion.h"

namespace tr::harness {
struct PreparedWorkload;
}

namespace tr::harness::mlperf {

enum class DbEncoding {
  int8,             // the int8 tensor bytes (kws01, and any id the reference does not know)
  uint8_minus_128,  // uint8 pixels, the DUT subtracts 128 (vww01, ic01, ic02)
  float32,          // little-endian float32 values, the DUT quantizes (ad01)
};

enum class ResultKind {
  outputs,             // one dequantized value per output element
  reconstruction_mse,  // one value: MSE(dequantized output, float input) (ad01)
};

struct ReferenceFirmware {
  std::string model_id;
  DbEncoding input = DbEncoding::int8;
  ResultKind results = ResultKind::outputs;
};

ReferenceFirmware reference_firmware(std::string_view model_id);

// The MLPerf Tiny model id of a reference model file ("ad01_int8.tflite" -> "ad01",
// "kws_ref_model.tflite" -> "kws01", ...); nullopt for any other file.
std::optional<std::string> mlperf_model_id(std::string_view model_file);
// The id of the MLPerf model the workload names (model.mlperf), whichever model file the
// host actually uses; nullopt when it names none.
std::optional<std::string> mlperf_model_id(const config::WorkloadSpec& workload);

// The real values input `index` of the workload stands for: the dataset file's floats for a
// float32-quantize dataset, else the dequantized input tensor.
std::vector<float> input_real_values(const PreparedWorkload& workload, size_t index,
                                     dataset::Quantization input);

// The `db` bytes of one input: `tensor` (the int8 input tensor) re-encoded for the DUT;
// `real_values` (one per element) are sent for DbEncoding::float32.
std::vector<uint8_t> db_payload(std::span<const uint8_t> tensor, DbEncoding encoding,
                                std::span<const float> real_values);

// The values the DUT should print for the host engine's raw output, computed as the reference
// firmware does in float32: scale * (q - zero_point) per element, or their mean squared
// difference from `real_inputs` (summed in element order).
std::vector<float> expected_scores(std::span<const uint8_t> host_output,
                                   dataset::Quantization output, ResultKind results,
                                   std::span<const float> real_inputs);

// The raw int8 output tensor behind printed dequantized outputs: round(v / scale) +
// zero_point, clamped. Exact whenever the print's error (0.0005) is under half a step (true for
// every MLPerf classifier's output scale), so standard-only boards can be scored by the same
// code as raw outputs (score_outputs). Empty for an empty `scores`.
std::vector<uint8_t> outputs_from_scores(std::span<const float> scores,
                                         dataset::Quantization output);

// The DUT prints 3 decimals; its values match the host's when every one is within one unit in
// that last place (0.001), which absorbs the rounding of the printout and a float sum taken in
// another order, nothing more. A count that differs never matches.
bool scores_match(std::span<const float> dut, std::span<const float> host);

}  // namespace tr::harness::mlperf
