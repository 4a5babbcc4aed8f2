// Test helper: runs one engine operator outside a model, like TFLM's kernel_runner. Tensors are
// described in plain C++; their quantization vectors, constant data and the operator's options
// table are serialized into one flatbuffer (workloads' FbObject), so the op's prepare reads
// them through FlatbufferReader exactly as it would from a .tflite file.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "builder/flatbuffer_builder.h"
#include "common/status.h"
#include "engine/graph.h"

namespace tr::test {

struct OpTensor {
  std::vector<int32_t> shape;
  engine::TensorType type = engine::TensorType::int8;
  std::vector<float> scales;  // empty: unquantized
  std::vector<int64_t> zero_points;
  int32_t quantized_dimension = 0;
  std::vector<uint8_t> data;  // non-empty: a constant; empty: an activation
};

class SingleOpGraph {
 public:
  SingleOpGraph();
  ~SingleOpGraph();

  int add_tensor(OpTensor t);
  // Inputs may contain -1 (no tensor). `options_type` 0 means no options table.
  void set_operator(int32_t code, std::vector<int> inputs, std::vector<int> outputs,
                    uint8_t options_type = 0,
                    std::optional<workloads::FbObject> options = std::nullopt);

  // Serializes, builds the graph and runs the registration's prepare.
  Status prepare();
  const ErrorText& err() const { return err_; }
  engine::Graph& graph() { return *graph_; }

  // After a successful prepare: copies `input` into operator input 0, runs eval, returns
  // output 0. Output bytes the op never writes keep a 0x5a fill, so they show up as mismatches.
  std::vector<int8_t> run(const std::vector<int8_t>& input);

 private:
  std::vector<OpTensor> specs_;
  int32_t code_ = 0;
  std::vector<int> inputs_;
  std::vector<int> outputs_;
  uint8_t options_type_ = 0;
  std::optional<workloads::FbObject> options_;
  std::vector<uint8_t> model_;
  std::vector<std::vector<uint8_t>> activations_;
  std::vector<uint8_t> persistent_buffer_;
  std::unique_ptr<engine::Graph> graph_;
  ErrorText err_;
};

}  // namespace tr::test
