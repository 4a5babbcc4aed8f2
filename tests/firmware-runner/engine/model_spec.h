// Test helper: a .tflite model described field by field, so a test can break any one field
// (an index, a shape, a type, a quantization vector, an opcode) and serialize the result.
// Unlike workloads' TfliteWriter it validates nothing: corrupt models are the point. It also
// writes any builtin options table, so every engine operator can appear in a valid model.
// Also used by fuzz/ to write seed models.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "builder/flatbuffer_builder.h"

namespace tr::test {

struct SpecTensor {
  std::string name;
  std::vector<int32_t> shape;
  bool has_shape = true;  // false: no shape vector (a scalar)
  uint8_t type = 9;       // schema TensorType, INT8
  bool has_quantization = false;
  std::vector<float> scales;
  std::vector<int64_t> zero_points;
  int32_t quantized_dimension = 0;
  std::vector<uint8_t> data;       // non-empty: a constant
  std::optional<uint32_t> buffer;  // overrides the tensor's own buffer index
};

struct SpecOperator {
  int32_t code = 0;
  std::vector<int32_t> inputs;
  std::vector<int32_t> outputs;
  uint8_t options_type = 0;  // BuiltinOptions union id, 0 = none
  std::optional<workloads::FbObject> options;
  std::optional<uint32_t> opcode_index;  // overrides the index of `code` in operator_codes
};

struct ModelSpec {
  std::vector<SpecTensor> tensors;
  std::vector<SpecOperator> ops;
  std::vector<int32_t> inputs;
  std::vector<int32_t> outputs;
  std::vector<int32_t> extra_codes;  // listed in operator_codes after the used ones
  uint32_t version = 3;

  // Per-tensor quantized int8 (constant when `data` is non-empty).
  int add_int8(std::string name, std::vector<int32_t> shape, float scale, int64_t zero_point,
               std::vector<int8_t> data = {});
  // Per-channel int8 weights along `dim`, zero points 0; values cycle through -7..7.
  int add_int8_per_channel(std::string name, std::vector<int32_t> shape, int32_t dim);
  int add_int32(std::string name, std::vector<int32_t> shape, std::vector<int32_t> data,
                std::vector<float> scales = {});
  int add_float(std::string name, std::vector<int32_t> shape);
  int add_op(int32_t code, std::vector<int32_t> inputs, std::vector<int32_t> outputs,
             uint8_t options_type = 0, std::optional<workloads::FbObject> options = std::nullopt);

  // Buffer 0 is the empty sentinel, tensor i owns buffer i + 1 (empty for activations).
  std::vector<uint8_t> build() const;
};

// Builtin options tables (slot numbers from the TFLite schema).
workloads::FbObject conv_options(int32_t stride, uint8_t padding, uint8_t activation);
workloads::FbObject depthwise_options(int32_t stride, int32_t depth_multiplier, uint8_t padding);
workloads::FbObject pool_options(int32_t filter, int32_t stride, uint8_t padding);
workloads::FbObject fully_connected_options(uint8_t activation);
workloads::FbObject softmax_options(float beta);
workloads::FbObject concatenation_options(int32_t axis);
workloads::FbObject reducer_options(bool keep_dims);
workloads::FbObject activation_options(uint8_t activation);  // AddOptions, MulOptions

// Small valid models that load and run; together they use every operator the engine has.
ModelSpec fc_reshape_model();   // FULLY_CONNECTED, RESHAPE, FULLY_CONNECTED
ModelSpec conv_model();         // CONV_2D, DEPTHWISE_CONV_2D, AVERAGE_POOL_2D, RESHAPE, SOFTMAX
ModelSpec elementwise_model();  // ADD, MUL, CONCATENATION, MAX_POOL_2D, PAD, MEAN, LOGISTIC
ModelSpec quantize_model();     // QUANTIZE (int8 -> int8), DEQUANTIZE (int8 -> float32)
std::vector<ModelSpec> all_valid_models();

}  // namespace tr::test
