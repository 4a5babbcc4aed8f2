// A ModelEngine for protocol tests: configurable input/output tensors, loads and invokes that
// fail on demand, and a record of what the Runner asked of it. Invokes advance a FakeClock so
// lap figures depend on the number of timed invokes.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <vector>

#include "fake_platform.h"
#include "protocol/model_engine.h"

namespace tr::fw::test {

class FakeModelEngine : public ModelEngine {
 public:
  explicit FakeModelEngine(FakeClock* clock = nullptr) : clock_(clock) {}

  // Tensor shapes the next successful load() exposes. Buffers are zero-filled.
  void set_input(engine::TensorType type, std::initializer_list<int32_t> dims, float scale,
                 int32_t zero_point);
  void set_output(engine::TensorType type, std::initializer_list<int32_t> dims, float scale,
                  int32_t zero_point);
  std::vector<uint8_t>& input_bytes() { return input_buf_; }
  std::vector<uint8_t>& output_bytes() { return output_buf_; }

  Status load(const uint8_t* data, uint32_t size, ErrorText& err) override;
  bool loaded() const override { return loaded_; }
  engine::TensorView input() const override;
  engine::TensorView output() const override;
  Status invoke(ErrorText& err) override;
  engine::MemoryStats memory() const override { return stats; }
  const char* name() const override { return "fake-engine 1.0"; }
  void set_hooks(const engine::OpHooks& h) override { hooks = h; }

  // Failure injection.
  Status load_status = Status::ok;
  std::string load_error;   // copied into ErrorText when load fails (may be empty)
  int fail_invoke_at = -1;  // 0-based invoke index (since the last load) that fails; -1 never
  std::string invoke_error = "Operator 3 (CONV_2D) failed: bad scratch";

  // Behaviour and records.
  uint64_t ticks_per_invoke = 1000;
  // When non-empty, an invoke runs one fake operator per entry, each taking that many ticks and
  // calling the hooks around it; ticks_per_invoke then counts the time between operators.
  std::vector<uint64_t> op_ticks;
  engine::OpHooks hooks;  // as last installed
  engine::MemoryStats stats;
  int load_calls = 0;
  int invokes = 0;                    // since the last load
  std::vector<uint8_t> loaded_model;  // bytes seen by the last load()
  std::vector<uint8_t> first_input;   // input tensor contents at the first invoke
  // Like the real engine's arena reuse: each invoke overwrites the input tensor afterwards.
  bool clobber_input = false;
  int stale_inputs = 0;  // invokes that started from an input different from the first one's

 private:
  static engine::TensorView make_view(engine::TensorType type, std::initializer_list<int32_t> dims,
                                      float scale, int32_t zero_point, std::vector<uint8_t>& buf);

  FakeClock* clock_;
  bool loaded_ = false;
  engine::TensorView input_;
  engine::TensorView output_;
  std::vector<uint8_t> input_buf_;
  std::vector<uint8_t> output_buf_;
};

}  // namespace tr::fw::test
