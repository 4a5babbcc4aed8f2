// Test helper: owns a model copy (4-byte aligned, exactly sized so ASan sees overreads), an
// arena and an Interpreter, and runs int8 inputs through it.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <vector>

#include "common/status.h"
#include "engine/interpreter.h"

namespace tr::test {

std::vector<uint8_t> read_binary(const std::filesystem::path& path);

class ModelRunner {
 public:
  explicit ModelRunner(std::vector<uint8_t> model, uint32_t arena_bytes = 64 * 1024);

  Status load();
  const ErrorText& err() const { return err_; }
  engine::Interpreter& interp() { return *interp_; }
  const std::vector<uint8_t>& model() const { return model_; }

  // Copies `input` into input 0, invokes, returns output 0 (fails the test on errors).
  std::vector<int8_t> run(const std::vector<int8_t>& input);

 private:
  std::vector<uint8_t> model_;
  std::vector<uint8_t> arena_;
  std::unique_ptr<engine::Interpreter> interp_;
  ErrorText err_;
};

}  // namespace tr::test
