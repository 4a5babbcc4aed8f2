// Human-readable names of TFLite builtin operators and tensor types, for error messages.
#pragma once

#include <cstdint>

namespace tr::engine {

// "CONV_2D" for 3; "UNKNOWN" outside the known range.
const char* builtin_operator_name(int32_t code);
// "INT8" for 9; "UNKNOWN" outside the known range.
const char* tensor_type_name(uint8_t type);
// Bytes per element, 0 for types the engine cannot size (STRING, INT4, ...).
uint32_t tensor_type_size(uint8_t type);

}  // namespace tr::engine
