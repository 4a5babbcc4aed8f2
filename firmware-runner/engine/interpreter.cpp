#include "engine/interpreter.h"

#include <new>

#include "engine/graph.h"
#include "engine/kernels/selected_kernels.h"
#include "engine/mac_count.h"
#include "engine/model_loader.h"
#include "engine/op_registry.h"
#include "engine/persistent_allocator.h"
#include "engine/tensor_allocator.h"

namespace tr::engine {

struct Interpreter::State {
  Graph graph;
  PersistentAllocator persistent;
  uint8_t* arena = nullptr;
  uint32_t arena_bytes = 0;
  uint32_t activation_bytes = 0;
  uint32_t alignment_loss = 0;  // arena bytes lost to 16-byte alignment of both ends
  bool loaded = false;
  OpObserver observer = nullptr;
  void* observer_ctx = nullptr;
  OpHooks hooks;
};

namespace {

TensorView make_view(const Tensor& t) {
  TensorView v;
  v.type = static_cast<TensorType>(t.type);
  v.rank = t.rank;
  for (uint8_t i = 0; i < t.rank; ++i) v.dims[i] = t.dims[i];
  v.scale = t.quantized ? t.scale : 0.0f;
  v.zero_point = t.quantized ? t.zero_point : 0;
  v.data = t.data;
  v.bytes = t.bytes;
  return v;
}

// Arena bytes in use while operator `op` runs: every planned tensor whose lifetime covers it
// (aliases share their root's bytes) plus the operator's own scratch.
uint32_t arena_live_bytes(const Graph& g, uint32_t op) {
  const auto at = static_cast<int32_t>(op);
  uint64_t bytes = g.ops[op].scratch_bytes;
  for (uint32_t i = 0; i < g.tensor_count; ++i) {
    const Tensor& t = g.tensors[i];
    if (t.is_constant || t.alias_of >= 0 || t.first_use < 0) continue;
    if (t.first_use <= at && at <= t.last_use) bytes += t.bytes;
  }
  return bytes > UINT32_MAX ? UINT32_MAX : static_cast<uint32_t>(bytes);
}

Status prepare_operators(Graph& g, PersistentAllocator& persistent, ErrorText& err) {
  for (uint32_t i = 0; i < g.op_count; ++i) {
    PrepareContext ctx(g, i, persistent, err);
    Status s = g.ops[i].registration->prepare(ctx);
    if (s != Status::ok) return s;
  }
  return Status::ok;
}

}  // namespace

Interpreter::Interpreter(uint8_t* arena, uint32_t arena_bytes) {
  static_assert(sizeof(State) <= kStateBytes, "Interpreter::storage_ is too small for State");
  static_assert(alignof(State) <= 8, "Interpreter::storage_ is not aligned enough for State");
  State* s = new (storage_) State();
  s->arena = arena;
  s->arena_bytes = arena_bytes;
}

Interpreter::State& Interpreter::state() {
  return *std::launder(reinterpret_cast<State*>(storage_));
}

const Interpreter::State& Interpreter::state() const {
  return *std::launder(reinterpret_cast<const State*>(storage_));
}

Status Interpreter::load(const uint8_t* model, uint32_t size, ErrorText& err) {
  unload();
  err.clear();
  State& s = state();
  if (model == nullptr || reinterpret_cast<uintptr_t>(model) % 4 != 0) {
    err.append("model pointer must be non-null and 4-byte aligned");
    return Status::bad_argument;
  }
  // Usable arena: both ends aligned to 16 bytes.
  const uintptr_t begin = reinterpret_cast<uintptr_t>(s.arena);
  const uintptr_t first = (begin + 15u) & ~uintptr_t{15};
  const uintptr_t end = (begin + s.arena_bytes) & ~uintptr_t{15};
  const uint32_t usable =
      s.arena == nullptr || end <= first ? 0 : static_cast<uint32_t>(end - first);
  s.alignment_loss = s.arena_bytes - usable;
  uint8_t* base = s.arena + (first - begin);
  s.persistent.reset(base, usable);

  Status st = load_graph(model, size, s.graph, err);
  if (st == Status::ok) st = prepare_operators(s.graph, s.persistent, err);
  if (st == Status::no_memory && s.persistent.requested() > s.persistent.used()) {
    // Per-operator data alone overflowed: the activation plan cannot even be made.
    err.clear();
    err.append("model needs more than ").append_uint(s.persistent.requested() + s.alignment_loss);
    err.append(" arena bytes, only ").append_uint(s.arena_bytes).append(" available");
  }
  uint64_t peak = 0;
  if (st == Status::ok) st = place_tensors(s.graph, base, usable - s.persistent.used(), peak, err);
  if (st == Status::ok && peak + s.persistent.used() > usable) {
    err.clear();
    err.append("model needs ").append_uint(peak + s.persistent.used() + s.alignment_loss);
    err.append(" arena bytes, only ").append_uint(s.arena_bytes).append(" available");
    st = Status::no_memory;
  }
  if (st != Status::ok) {
    unload();
    return st;
  }
  s.activation_bytes = static_cast<uint32_t>(peak);
  s.loaded = true;
  return Status::ok;
}

void Interpreter::unload() {
  State& s = state();
  s.loaded = false;
  s.activation_bytes = 0;
  s.graph.tensor_count = s.graph.op_count = s.graph.input_count = s.graph.output_count = 0;
  s.persistent.reset(nullptr, 0);
}

bool Interpreter::loaded() const {
  return state().loaded;
}

TensorView Interpreter::input() const {
  const State& s = state();
  if (!s.loaded) return TensorView{};
  return make_view(s.graph.tensors[s.graph.inputs[0]]);
}

TensorView Interpreter::output() const {
  const State& s = state();
  if (!s.loaded) return TensorView{};
  return make_view(s.graph.tensors[s.graph.outputs[0]]);
}

Status Interpreter::invoke(ErrorText& err) {
  State& s = state();
  err.clear();
  if (!s.loaded) {
    err.append("no model loaded");
    return Status::bad_argument;
  }
  Graph& g = s.graph;
  for (uint32_t i = 0; i < g.op_count; ++i) {
    const OperatorNode& op = g.ops[i];
    if (s.hooks.before != nullptr) s.hooks.before(s.hooks.ctx, i);
    Status st = op.registration->eval(g, op, err);
    if (s.hooks.after != nullptr) s.hooks.after(s.hooks.ctx, i);
    if (st != Status::ok) return st;
    if (s.observer != nullptr) s.observer(s.observer_ctx, i, make_view(g.tensors[op.outputs[0]]));
  }
  return Status::ok;
}

bool Interpreter::operator_info(uint32_t index, OperatorInfo& info) const {
  const State& s = state();
  if (!s.loaded || index >= s.graph.op_count) return false;
  const Graph& g = s.graph;
  const OperatorNode& op = g.ops[index];
  info = OperatorInfo{};
  info.code = op.code;
  if (op.input_count > 0 && op.inputs[0] >= 0) info.input = make_view(g.tensors[op.inputs[0]]);
  if (op.output_count > 0 && op.outputs[0] >= 0) info.output = make_view(g.tensors[op.outputs[0]]);
  info.macs = count_op_macs(g, index);
  info.arena_live_bytes = arena_live_bytes(g, index);
  return true;
}

uint64_t Interpreter::mac_count() const {
  const State& s = state();
  return s.loaded ? count_macs(s.graph) : 0;
}

MemoryStats Interpreter::memory() const {
  const State& s = state();
  MemoryStats m;
  m.arena_capacity = s.arena_bytes;
  if (!s.loaded) return m;
  m.activation_bytes = s.activation_bytes;
  m.persistent_bytes = s.persistent.used();
  m.arena_used = m.activation_bytes + m.persistent_bytes;
  for (uint32_t i = 0; i < s.graph.op_count; ++i) {
    if (s.graph.ops[i].scratch_bytes > m.scratch_bytes)
      m.scratch_bytes = s.graph.ops[i].scratch_bytes;
  }
  m.tensor_count = s.graph.tensor_count;
  m.operator_count = s.graph.op_count;
  return m;
}

const char* Interpreter::name() {
  return "tinyrack-int8 0.1 (" TR_KERNEL_SET_NAME " kernels)";
}

void Interpreter::set_hooks(const OpHooks& hooks) {
  state().hooks = hooks;
}

void Interpreter::set_observer(OpObserver fn, void* ctx) {
  State& s = state();
  s.observer = fn;
  s.observer_ctx = ctx;
}

}  // namespace tr::engine
