#include "engine/tensor_allocator.h"

#include "engine/arena_planner.h"
#include "engine/builtin_names.h"

namespace tr::engine {
namespace {

bool needs_arena(const Tensor& t) {
  return !t.is_constant && t.first_use >= 0;
}

void extend_alias_lifetimes(Graph& g) {
  for (uint32_t i = 0; i < g.tensor_count; ++i) {
    const Tensor& t = g.tensors[i];
    if (t.alias_of < 0 || !needs_arena(t)) continue;
    Tensor& root = g.tensors[t.alias_of];
    if (t.first_use < root.first_use) root.first_use = t.first_use;
    if (t.last_use > root.last_use) root.last_use = t.last_use;
  }
}

Status size_tensor(Tensor& t, uint32_t index, ErrorText& err) {
  const uint32_t elem = tensor_type_size(t.type);
  if (!t.dims_known || elem == 0) {
    err.clear();
    err.append("tensor ").append_uint(index);
    if (!t.dims_known) {
      err.append(" has a -1 dimension no operator resolves");
      return Status::bad_model;
    }
    err.append(" has type ").append(tensor_type_name(t.type)).append(", which cannot be allocated");
    return Status::unsupported;
  }
  t.bytes = t.element_count() * elem;  // element_count <= 2^31 (loader), elem <= 16
  return Status::ok;
}

}  // namespace

Status place_tensors(Graph& g, uint8_t* base, uint32_t capacity, uint64_t& peak, ErrorText& err) {
  extend_alias_lifetimes(g);
  static_assert(kMaxPlanBuffers >= kMaxTensors + kMaxOperators, "plan holds tensors and scratch");
  PlanBuffer buffers[kMaxPlanBuffers];
  int16_t owner[kMaxPlanBuffers];  // tensor index, or -1 - operator index for scratch
  uint32_t count = 0;
  for (uint32_t i = 0; i < g.tensor_count; ++i) {
    Tensor& t = g.tensors[i];
    if (!needs_arena(t)) continue;
    if (t.alias_of >= 0) continue;
    Status s = size_tensor(t, i, err);
    if (s != Status::ok) return s;
    buffers[count] = PlanBuffer{t.bytes, t.first_use, t.last_use, 0};
    owner[count++] = static_cast<int16_t>(i);
  }
  for (uint32_t i = 0; i < g.op_count; ++i) {
    const auto op = static_cast<int32_t>(i);
    if (g.ops[i].scratch_bytes == 0) continue;
    buffers[count] = PlanBuffer{g.ops[i].scratch_bytes, op, op, 0};
    owner[count++] = static_cast<int16_t>(-1 - op);
  }
  peak = plan_greedy(buffers, count);
  if (peak > capacity) return Status::ok;  // the caller reports the shortfall
  for (uint32_t b = 0; b < count; ++b) {
    uint8_t* data = base + buffers[b].offset;
    if (owner[b] < 0) {
      g.ops[-1 - owner[b]].scratch = data;
      continue;
    }
    Tensor& t = g.tensors[owner[b]];
    t.arena_offset = buffers[b].offset;
    t.data = data;
  }
  for (uint32_t i = 0; i < g.tensor_count; ++i) {
    Tensor& t = g.tensors[i];
    if (t.alias_of < 0 || !needs_arena(t)) continue;
    const Tensor& root = g.tensors[t.alias_of];
    t.arena_offset = root.arena_offset;
    t.data = root.data;
    t.bytes = root.bytes;
  }
  return Status::ok;
}

}  // namespace tr::engine
