// Builds valid .tflite flatbuffers (identifier TFL3, schema v3) from a list of tensors and
// operators: buffer 0 is the empty sentinel, every constant gets its own 16-byte aligned
// buffer, every activation its own empty buffer (as the TFLite converter does). Used by tests
// and to generate synthetic workloads; errors (bad tensor index, data size mismatch) throw
// std::invalid_argument naming the tensor or operator.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "builder/flatbuffer_builder.h"
#include "engine/interpreter.h"

namespace tr::workloads {

// The writer emits exactly the schema values the engine reads.
using TfliteType = engine::TensorType;

// Schema ActivationFunctionType values.
enum class FusedActivation : uint8_t { none = 0, relu = 1, relu_n1_to_1 = 2, relu6 = 3 };

struct Quantization {
  std::vector<float> scales;  // one = per-tensor, N = per-axis
  std::vector<int64_t> zero_points;
  int32_t quantized_dimension = 0;
};

struct TensorSpec {
  std::string name;
  std::vector<int32_t> shape;  // -1 marks a dimension an operator resolves (activations only)
  TfliteType type = TfliteType::int8;
  bool quantized = false;
  Quantization quantization;
  std::vector<uint8_t> data;  // empty: an activation
};

struct OperatorCodeStyle {
  bool write_deprecated_code = true;  // deprecated_builtin_code = min(code, 127)
  bool write_builtin_code = true;     // the int32 builtin_code field (schema 3a)
};

class TfliteWriter {
 public:
  int add_tensor(TensorSpec spec);
  // Convenience: a per-tensor quantized int8 tensor (constant when `data` is non-empty).
  int add_int8(std::string name, std::vector<int32_t> shape, float scale, int64_t zero_point,
               const std::vector<int8_t>& data = {});
  int add_int32(std::string name, std::vector<int32_t> shape, const std::vector<int32_t>& data,
                const std::vector<float>& scales = {});

  void add_fully_connected(int input, int weights, int bias, int output,
                           FusedActivation activation = FusedActivation::none,
                           bool keep_num_dims = false);
  // Options table only when `new_shape` is given (the converter often omits it).
  void add_reshape(int input, int output, const std::vector<int32_t>* new_shape = nullptr,
                   int shape_tensor = -1);
  // Any builtin operator without options (e.g. to test unsupported-operator errors).
  void add_operator(int32_t builtin_code, std::vector<int> inputs, std::vector<int> outputs);
  // Any builtin operator with its BuiltinOptions table (builder/operator_options.h makes them).
  // Inputs may contain -1 (an omitted optional input).
  void add_operator(int32_t builtin_code, std::vector<int> inputs, std::vector<int> outputs,
                    uint8_t options_type, FbObject options);
  // Lists a code in operator_codes that no operator uses.
  void add_unused_operator_code(int32_t builtin_code);

  void set_inputs(std::vector<int> tensors) { inputs_ = std::move(tensors); }
  void set_outputs(std::vector<int> tensors) { outputs_ = std::move(tensors); }
  void set_operator_code_style(OperatorCodeStyle style) { code_style_ = style; }
  void set_description(std::string d) { description_ = std::move(d); }

  std::vector<uint8_t> build() const;

 private:
  struct OperatorSpec {
    int32_t code = 0;
    std::vector<int> inputs;
    std::vector<int> outputs;
    uint8_t options_type = 0;  // 0: no options table
    std::optional<FbObject> options;
  };
  uint32_t opcode_index(int32_t code);
  FbObject operator_table(const OperatorSpec& spec) const;
  FbObject subgraph_table() const;
  void check_tensor(int index, const char* what) const;

  std::vector<TensorSpec> tensors_;
  std::vector<OperatorSpec> operators_;
  std::vector<int32_t> codes_;
  std::vector<int> inputs_;
  std::vector<int> outputs_;
  OperatorCodeStyle code_style_;
  std::string description_ = "tinyrack tflite writer";
};

}  // namespace tr::workloads
