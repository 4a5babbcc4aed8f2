// Puts the real engine behind the protocol's ModelEngine interface.
#pragma once

#include "engine/interpreter.h"
#include "protocol/model_engine.h"

namespace tr::fw {

class InterpreterEngine final : public ModelEngine {
 public:
  explicit InterpreterEngine(engine::Interpreter& interp) : interp_(interp) {}
  Status load(const uint8_t* data, uint32_t size, ErrorText& err) override {
    return interp_.load(data, size, err);
  }
  bool loaded() const override { return interp_.loaded(); }
  engine::TensorView input() const override { return interp_.input(); }
  engine::TensorView output() const override { return interp_.output(); }
  Status invoke(ErrorText& err) override { return interp_.invoke(err); }
  engine::MemoryStats memory() const override { return interp_.memory(); }
  const char* name() const override { return engine::Interpreter::name(); }
  void set_hooks(const engine::OpHooks& hooks) override { interp_.set_hooks(hooks); }

 private:
  engine::Interpreter& interp_;
};

}  // namespace tr::fw
