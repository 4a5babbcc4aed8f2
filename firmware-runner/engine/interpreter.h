// The int8 inference engine's public face: load a standard .tflite flatbuffer that already sits
// in memory (the runner's model slot), plan its activations into a caller-owned arena, run it.
// Freestanding: no heap, no exceptions; every table is fixed-size and every bound is checked.
//
// CONTRACT (shared by the protocol, the firmware main and the host tools; keep it stable):
//   Interpreter interp(arena, arena_bytes);
//   ErrorText err;
//   if (interp.load(model_bytes, model_len, err) != Status::ok) -> err names what and where
//   memcpy(interp.input().data, ..., interp.input().bytes);
//   interp.invoke(err);
//   interp.output().data / .bytes / .scale / .zero_point
#pragma once

#include <cstddef>
#include <cstdint>

#include "common/status.h"

namespace tr::engine {

// TFLite TensorType values (schema enum), the subset the engine names.
enum class TensorType : uint8_t {
  float32 = 0,
  int32 = 2,
  uint8 = 3,
  int64 = 4,
  int16 = 7,
  int8 = 9,
};

constexpr int kMaxRank = 6;

// A view of one graph input or output tensor.
struct TensorView {
  TensorType type = TensorType::int8;
  uint8_t rank = 0;
  int32_t dims[kMaxRank] = {};
  float scale = 0.0f;  // per-tensor quantization (0 when unquantized)
  int32_t zero_point = 0;
  uint8_t* data = nullptr;
  uint32_t bytes = 0;
};

// Per-operator hooks for profiling: `before` runs right before an operator's eval, `after` right
// after it returns (also when it failed). Either may be null. They get only the operator index,
// so the interpreter does no work on their behalf inside the span a profiler times.
struct OpHooks {
  void (*before)(void* ctx, uint32_t op_index) = nullptr;
  void (*after)(void* ctx, uint32_t op_index) = nullptr;
  void* ctx = nullptr;
};

// Static facts about one operator of the loaded model, for per-layer profiles.
struct OperatorInfo {
  int32_t code = 0;               // TFLite builtin operator code (builtin_operator_name() names it)
  TensorView input;               // first input (shape and quantization; data may be in the model)
  TensorView output;              // first output
  uint64_t macs = 0;              // multiply-accumulates, as mac_count() counts them
  uint32_t arena_live_bytes = 0;  // arena bytes in use while it runs: live tensors + its scratch
};

struct MemoryStats {
  uint32_t arena_capacity = 0;    // bytes the caller gave
  uint32_t arena_used = 0;        // activations + persistent, the peak the model needs
  uint32_t activation_bytes = 0;  // planned peak of the non-constant tensors
  uint32_t persistent_bytes = 0;  // per-op data kept for the model's lifetime
  uint32_t scratch_bytes = 0;     // largest per-op scratch buffer
  uint32_t tensor_count = 0;
  uint32_t operator_count = 0;
};

class Interpreter {
 public:
  Interpreter(uint8_t* arena, uint32_t arena_bytes);

  // Parse and verify the flatbuffer (every offset bounds-checked against `size`), resolve
  // operators, plan the arena, prepare every op. The model bytes must stay valid and unchanged
  // while the model is in use (weights are read in place). `model` must be 4-byte aligned.
  Status load(const uint8_t* model, uint32_t size, ErrorText& err);
  void unload();
  bool loaded() const;

  TensorView input() const;   // graph input 0
  TensorView output() const;  // graph output 0
  Status invoke(ErrorText& err);
  MemoryStats memory() const;
  // Multiply-accumulates per inference (FULLY_CONNECTED, CONV_2D, DEPTHWISE_CONV_2D); 0 when
  // no model is loaded.
  uint64_t mac_count() const;

  // Engine identity for `tr-id`: e.g. "tinyrack-int8 0.1 (reference kernels)".
  static const char* name();

  // Per-operator hook for tests and tracing: called after every operator with the index of the
  // operator and its output tensor. nullptr disables it.
  using OpObserver = void (*)(void* ctx, uint32_t op_index, const TensorView& output);
  void set_observer(OpObserver fn, void* ctx);
  // Installs profiling hooks (OpHooks{} removes them); independent of the observer.
  void set_hooks(const OpHooks& hooks);
  // Facts about operator `index` of the loaded model; false when there is no such operator.
  bool operator_info(uint32_t index, OperatorInfo& info) const;

 private:
  // Room for the fixed tables (128 tensors, 128 operators): ~19 KB on Cortex-M, ~21.5 KB on
  // 64-bit hosts; a static_assert in interpreter.cpp checks it.
  static constexpr uint32_t kStateBytes = 24 * 1024;
  struct State;  // defined in interpreter.cpp; lives in `storage_`
  State& state();
  const State& state() const;
  alignas(8) uint8_t storage_[kStateBytes];
};

}  // namespace tr::engine
