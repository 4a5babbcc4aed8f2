// Text forms of engine tensors used in replies: the `tr-model_input/output` description,
// the dequantized `m-results-[...]` values and raw hex. All written piecewise.
#pragma once

#include <cstddef>
#include <cstdint>

#include "engine/interpreter.h"
#include "protocol/output_writer.h"

namespace tr::fw {

const char* tensor_type_name(engine::TensorType type);  // "int8", ... or "unknown"
uint32_t tensor_element_size(engine::TensorType type);  // 0 for an unknown type

// <type>,<d0>x<d1>...,<bytes>,<scale, 6 decimals>,<zero_point>
void put_tensor_info(OutputWriter& out, const engine::TensorView& t);

// Comma-separated values: scale*(q-zero_point) with 3 decimals when the tensor is quantized,
// float32 with 3 decimals, raw integers otherwise.
void put_tensor_values(OutputWriter& out, const engine::TensorView& t);

// Lowercase hex, no separators.
void put_hex_bytes(OutputWriter& out, const uint8_t* data, size_t n);

}  // namespace tr::fw
