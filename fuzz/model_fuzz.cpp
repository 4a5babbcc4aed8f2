// libFuzzer target for everything a model byte can reach: the flatbuffer reader, the tensor and
// operator loaders, the dataflow checks, the arena planner and every operator's prepare
// (Interpreter::load), then invoke on a fixed input, twice. ASan catches any read outside the
// model (it sits in an exactly sized block) or the arena; the checks below are the oracle for
// what a successful load promises. The second invoke starts from the first one's leftovers in
// the arena, so an op reading memory nobody wrote, or two live tensors the planner overlapped,
// shows up as a different output.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <new>
#include <vector>

#include "engine/interpreter.h"

namespace {

constexpr uint32_t kArenaBytes = 256 * 1024;
// Invoking a mutant of a large model costs up to a second; above this many MACs only load() is
// exercised, so the fuzzer keeps its pace. Every op still runs on the smaller mutants.
constexpr uint64_t kMaxInvokeMacs = 1'000'000;

void check(bool ok, const char* what) {
  if (ok) return;
  std::fprintf(stderr, "model_fuzz: invariant broken: %s\n", what);
  std::abort();
}

bool inside(const uint8_t* p, uint32_t bytes, const uint8_t* base, uint32_t size) {
  return bytes == 0 || (p != nullptr && p >= base && p + bytes <= base + size);
}

struct AlignedModel {
  explicit AlignedModel(size_t n)
      : size(n),
        data(static_cast<uint8_t*>(::operator new (n == 0 ? 1 : n, std::align_val_t{16}))) {}
  ~AlignedModel() { ::operator delete (data, std::align_val_t{16}); }
  AlignedModel(const AlignedModel&) = delete;
  AlignedModel& operator=(const AlignedModel&) = delete;
  size_t size;
  uint8_t* data;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > UINT32_MAX) return 0;
  // Exactly `size` bytes at a 16-byte aligned address (as the runner's model slot).
  AlignedModel model(size);
  if (size > 0) std::memcpy(model.data, data, size);
  static uint8_t* arena = new uint8_t[kArenaBytes];
  std::memset(arena, 0xa5, kArenaBytes);  // the same start state for every input

  auto interp = std::make_unique<tr::engine::Interpreter>(arena, kArenaBytes);
  tr::ErrorText err;
  const tr::Status s = interp->load(model.data, static_cast<uint32_t>(size), err);
  if (s != tr::Status::ok) {
    check(!err.empty(), "a failed load() explains itself");
    check(!interp->loaded(), "a failed load() leaves no model loaded");
    return 0;
  }
  const tr::engine::MemoryStats m = interp->memory();
  check(m.arena_used <= m.arena_capacity, "the plan fits the arena");
  const tr::engine::TensorView in = interp->input();
  const tr::engine::TensorView out = interp->output();
  check(inside(in.data, in.bytes, arena, kArenaBytes), "graph input lies in the arena");
  check(inside(out.data, out.bytes, arena, kArenaBytes), "graph output lies in the arena");
  if (interp->mac_count() > kMaxInvokeMacs) return 0;
  std::vector<uint8_t> first;
  for (int run = 0; run < 2; ++run) {
    // Set before every invoke: the planner may reuse the input's bytes once it is consumed.
    for (uint32_t i = 0; i < in.bytes; ++i) in.data[i] = static_cast<uint8_t>(7 * i + 3);
    if (interp->invoke(err) != tr::Status::ok) {
      check(!err.empty(), "a failed invoke() explains itself");
      return 0;
    }
    if (run == 0) first.assign(out.data, out.data + out.bytes);
  }
  check(out.bytes == 0 || std::memcmp(first.data(), out.data, out.bytes) == 0,
        "a second invoke gives the same output");
  interp->unload();
  return 0;
}
