// What the command loop needs from an inference engine. The firmware wires the real
// tr::engine::Interpreter behind it (engine_adapter.h); protocol tests use a fake.
#pragma once

#include <cstdint>

#include "common/status.h"
#include "engine/interpreter.h"

namespace tr::fw {

class ModelEngine {
 public:
  virtual ~ModelEngine() = default;
  // Load the model at `data` (the model slot). On failure `err` says what and where.
  virtual Status load(const uint8_t* data, uint32_t size, ErrorText& err) = 0;
  virtual bool loaded() const = 0;
  virtual engine::TensorView input() const = 0;
  virtual engine::TensorView output() const = 0;
  virtual Status invoke(ErrorText& err) = 0;
  virtual engine::MemoryStats memory() const = 0;
  virtual const char* name() const = 0;
  // Per-operator hooks for the next invokes (tr-prof); OpHooks{} removes them.
  virtual void set_hooks(const engine::OpHooks& hooks) = 0;
};

}  // namespace tr::fw
