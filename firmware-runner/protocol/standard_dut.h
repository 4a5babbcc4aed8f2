// A standard-only DUT: the runner behaving like a vendor's MLPerf Tiny firmware, so the harness's
// fallback path has something real to run against (docs/protocol.md, "Standard-only DUTs").
// Its model is fixed in the image, `tr-` commands are unknown, and `db` input and the
// `m-results-[...]` line follow the reference firmware of the baked model's id
// (facts/dut-protocol.md §3.1, §11).
#pragma once

#include <cstdint>

#include "engine/interpreter.h"

namespace tr::fw {

// What the `db` bytes are, per element of the model's int8 input tensor.
enum class DbEncoding : uint8_t {
  int8,              // the tensor bytes (kws01)
  uint8_minus_128,   // uint8 pixels; the DUT subtracts 128 (vww01, ic01)
  float32_quantize,  // little-endian float32; the DUT quantizes with the input scale (ad01)
};

// What `m-results-[...]` holds.
enum class ResultKind : uint8_t {
  outputs,             // every output element dequantized, %0.3f
  reconstruction_mse,  // one value: MSE(dequantized output, float input), %0.3f (ad01)
};

struct StandardDut {
  const char* model_id = "none";  // profile%'s m-model-[...]
  DbEncoding input = DbEncoding::int8;
  ResultKind results = ResultKind::outputs;
};

// The settings of the MLPerf Tiny reference firmware for a model id; unknown ids get the
// plain ones (int8 tensor bytes, dequantized outputs).
StandardDut standard_dut_for(const char* model_id);

// `db` bytes per input tensor element.
uint32_t db_bytes_per_element(DbEncoding encoding);

// Writes the int8 input tensor from the `db` bytes. NaN quantizes to the zero point; values are
// rounded half away from zero and clamped to [-128, 127], as the host does.
void decode_db_input(DbEncoding encoding, const uint8_t* db, const engine::TensorView& input);

// The mean of (scale * (q - zero_point) - x)^2 over the int8 output elements, summed in float
// in element order; `db` holds `db_values` float32 inputs x (an autoencoder's output is as
// large as its input; a shorter side limits the count).
float reconstruction_mse(const engine::TensorView& output, const uint8_t* db, uint32_t db_values);

}  // namespace tr::fw
