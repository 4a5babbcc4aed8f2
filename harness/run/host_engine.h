// The runner's engine built for the host: the same sources as the firmware, so its outputs are
// the reference every board is checked against (`tinyrack infer`, `run --check-host`).
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <stdexcept>
#include <vector>

#include "engine/interpreter.h"

namespace tr::harness {

// A model the engine refused, or an input of the wrong size. Bad input: exit status 2.
class ModelError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class HostEngine {
 public:
  static constexpr uint32_t kArenaBytes = 8u << 20;

  // Copies the model into aligned memory that lives as long as this object. Throws ModelError
  // with the engine's message when the model does not load.
  explicit HostEngine(std::span<const uint8_t> model);
  const engine::TensorView& input() const { return input_; }
  const engine::TensorView& output() const { return output_; }
  engine::MemoryStats memory() const { return interp_->memory(); }
  uint64_t mac_count() const { return interp_->mac_count(); }
  uint32_t operator_count() const { return interp_->memory().operator_count; }
  // Facts about operator `index` (shapes, MACs, arena in use); throws std::out_of_range past
  // the last operator.
  engine::OperatorInfo operator_info(uint32_t index) const;
  // Runs one raw input tensor (exactly input().bytes bytes) and returns the raw output bytes.
  std::vector<uint8_t> run(std::span<const uint8_t> input_bytes);

 private:
  std::vector<uint64_t> model_storage_;  // 8-byte aligned copy of the model
  std::vector<uint64_t> arena_storage_;
  std::unique_ptr<engine::Interpreter> interp_;
  engine::TensorView input_;
  engine::TensorView output_;
};

}  // namespace tr::harness
