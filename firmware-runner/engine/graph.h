// The engine's in-memory picture of a loaded model: fixed-size tables of tensors and operators
// that point into the model bytes (weights and per-channel scales are read in place).
#pragma once

#include <cstdint>

#include "engine/flatbuffer_reader.h"
#include "engine/interpreter.h"

namespace tr::engine {

constexpr uint32_t kMaxTensors = 128;
constexpr uint32_t kMaxOperators = 128;
constexpr uint32_t kMaxGraphIo = 8;
constexpr uint32_t kMaxOpInputs = 6;
constexpr uint32_t kMaxOpOutputs = 2;
constexpr int16_t kNoTensor = -1;

struct Tensor {
  int32_t dims[kMaxRank] = {};
  uint8_t rank = 0;
  uint8_t type = 0;          // schema TensorType value
  bool dims_known = true;    // false while a -1 dimension awaits an operator's prepare
  bool is_constant = false;  // data comes from a model buffer
  bool is_graph_input = false;
  bool is_graph_output = false;
  // Quantization (tflite-format.md §2.6): valid when `quantized`.
  bool quantized = false;
  bool custom_quantization = false;  // details union set: not plain affine
  float scale = 0.0f;                // element 0 of the scale vector
  int32_t zero_point = 0;            // element 0, narrowed to int32
  int32_t quantized_dimension = 0;
  FbVector scales;       // all per-axis scales (float)
  FbVector zero_points;  // all per-axis zero points (int64)
  uint32_t bytes = 0;
  const uint8_t* constant_data = nullptr;
  uint8_t* data = nullptr;  // resolved at load: arena or constant
  // Planning.
  int16_t producer = kNoTensor;  // operator writing it
  int16_t first_use = kNoTensor;
  int16_t last_use = kNoTensor;
  int16_t alias_of = kNoTensor;  // shares this tensor's buffer (in-place RESHAPE)
  uint32_t arena_offset = 0;

  const uint8_t* read_data() const { return constant_data != nullptr ? constant_data : data; }
  uint32_t element_count() const {
    uint32_t n = 1;
    for (uint8_t i = 0; i < rank; ++i) n *= static_cast<uint32_t>(dims[i]);
    return n;
  }
  float channel_scale(const uint8_t* model, uint32_t c) const;
  int32_t channel_zero_point(const uint8_t* model, uint32_t c) const;
};

struct OpRegistration;

struct OperatorNode {
  int32_t code = 0;  // effective builtin code
  uint8_t input_count = 0;
  uint8_t output_count = 0;
  int16_t inputs[kMaxOpInputs] = {};
  int16_t outputs[kMaxOpOutputs] = {};
  uint8_t options_type = 0;  // BuiltinOptions union id, 0 = none
  FbTable options;           // present only when options_type matched a table
  const OpRegistration* registration = nullptr;
  void* op_data = nullptr;  // prepare's per-op state in the arena's persistent area
  uint32_t scratch_bytes = 0;  // asked for at prepare, planned for this operator only
  uint8_t* scratch = nullptr;  // set by the arena plan when scratch_bytes > 0
};

struct Graph {
  FlatbufferReader reader;
  Tensor tensors[kMaxTensors];
  OperatorNode ops[kMaxOperators];
  int16_t inputs[kMaxGraphIo] = {};
  int16_t outputs[kMaxGraphIo] = {};
  uint32_t tensor_count = 0;
  uint32_t op_count = 0;
  uint32_t input_count = 0;
  uint32_t output_count = 0;
};

}  // namespace tr::engine
