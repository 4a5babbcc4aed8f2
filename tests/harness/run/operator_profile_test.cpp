// The per-operator facts the host engine gives a profile (Interpreter::operator_info through
// HostEngine), the interpreter's profiling hooks, and how ticks become figures.
#include "run/operator_profile.h"

#include <catch2/catch.hpp>
#include <cstring>
#include <string>
#include <vector>

#include "builder/fc_stack_model.h"
#include "engine/interpreter.h"

using namespace tr;
using Catch::Matchers::Contains;

namespace {

// Two FULLY_CONNECTED layers: 16 -> 8 (RELU) -> 16.
std::vector<uint8_t> model() {
  return workloads::make_fc_stack_model(3, {16, 8, 16});
}

harness::RunnerProfile raw(std::vector<uint64_t> ticks, uint64_t hooked, uint64_t plain) {
  harness::RunnerProfile p;
  p.op_ticks = std::move(ticks);
  for (uint64_t t : p.op_ticks) p.sum_ticks += t;
  p.hooked_ticks = hooked;
  p.plain_ticks = plain;
  return p;
}

struct HookLog {
  std::vector<std::string> events;
};

}  // namespace

TEST_CASE("the host engine describes every operator", "[operator_profile]") {
  harness::HostEngine host(model());
  REQUIRE(host.operator_count() == 2);
  const engine::OperatorInfo a = host.operator_info(0);
  const engine::OperatorInfo b = host.operator_info(1);
  CHECK(a.code == 9);  // FULLY_CONNECTED
  CHECK(a.input.rank == 2);
  CHECK(a.input.dims[1] == 16);
  CHECK(a.output.dims[1] == 8);
  CHECK(b.input.dims[1] == 8);
  CHECK(b.output.dims[1] == 16);
  CHECK(a.macs == 16 * 8);
  CHECK(b.macs == 8 * 16);
  CHECK(a.macs + b.macs == host.mac_count());
  // Operator 0 holds the graph input (16 B, free once read) and the hidden layer (8 B);
  // operator 1 the hidden layer and the graph output (16 B). Scratch may come on top; all live
  // buffers sit side by side, so none can exceed the planned peak.
  CHECK(a.arena_live_bytes >= 24);
  CHECK(b.arena_live_bytes >= 24);
  CHECK(a.arena_live_bytes <= host.memory().activation_bytes);
  CHECK(b.arena_live_bytes <= host.memory().activation_bytes);
  CHECK_THROWS_WITH(host.operator_info(2), Contains("no operator 2"));
}

TEST_CASE("hooks run around every operator and come off again", "[operator_profile]") {
  const auto bytes = model();
  std::vector<uint64_t> aligned((bytes.size() + 7) / 8);
  std::memcpy(aligned.data(), bytes.data(), bytes.size());
  std::vector<uint64_t> arena(64 * 1024 / 8);
  engine::Interpreter interp(reinterpret_cast<uint8_t*>(arena.data()), 64 * 1024);
  ErrorText err;
  REQUIRE(interp.load(reinterpret_cast<const uint8_t*>(aligned.data()),
                      static_cast<uint32_t>(bytes.size()), err) == Status::ok);
  HookLog log;
  engine::OpHooks hooks;
  hooks.before = [](void* ctx, uint32_t i) {
    static_cast<HookLog*>(ctx)->events.push_back("before " + std::to_string(i));
  };
  hooks.after = [](void* ctx, uint32_t i) {
    static_cast<HookLog*>(ctx)->events.push_back("after " + std::to_string(i));
  };
  hooks.ctx = &log;
  interp.set_hooks(hooks);
  interp.set_observer(
      [](void* ctx, uint32_t i, const engine::TensorView&) {
        static_cast<HookLog*>(ctx)->events.push_back("observed " + std::to_string(i));
      },
      &log);
  REQUIRE(interp.invoke(err) == Status::ok);
  CHECK(log.events == std::vector<std::string>{"before 0", "after 0", "observed 0", "before 1",
                                               "after 1", "observed 1"});
  log.events.clear();
  interp.set_hooks(engine::OpHooks{});
  REQUIRE(interp.invoke(err) == Status::ok);
  CHECK(log.events == std::vector<std::string>{"observed 0", "observed 1"});
  engine::OperatorInfo info;
  CHECK_FALSE(interp.operator_info(2, info));
  interp.unload();
  CHECK_FALSE(interp.operator_info(0, info));
}

TEST_CASE("emulated ticks become instructions, with shares of the sum", "[operator_profile]") {
  harness::HostEngine host(model());
  harness::ProfileClock clock;
  clock.timer_hz = 25000000;  // 40 ns per tick; -icount shift=0: 1 ns per instruction
  clock.icount_shift = 0;
  const auto p = harness::build_operator_profile(host, raw({30, 10}, 50, 45), clock);
  REQUIRE(p.operators.size() == 2);
  const auto& op = p.operators[0];
  CHECK(op.index == 0);
  CHECK(op.op == "FULLY_CONNECTED");
  CHECK(op.input_shape == std::vector<int32_t>{1, 16});
  CHECK(op.output_shape == std::vector<int32_t>{1, 8});
  CHECK(op.macs.value == 128);
  CHECK(op.macs.unit == "MACs");
  CHECK(op.macs.provenance == "modelled");
  CHECK_FALSE(op.macs.basis.empty());
  CHECK(op.time.value == Approx(1200));
  CHECK(op.time.unit == "instructions");
  CHECK(op.time.provenance == "emulated");
  CHECK(op.share.value == Approx(75));
  CHECK(p.operators[1].share.value == Approx(25));
  CHECK(op.arena_bytes.value == host.operator_info(0).arena_live_bytes);
  CHECK(op.arena_bytes.provenance == "modelled");
  CHECK(p.operator_sum.value == Approx(1600));
  CHECK(p.hooked_total.value == Approx(2000));
  CHECK(p.unhooked_total.value == Approx(1800));
  // icount shift 2: 4 ns per instruction.
  clock.icount_shift = 2;
  CHECK(harness::build_operator_profile(host, raw({30, 10}, 50, 45), clock).unhooked_total.value ==
        Approx(450));
}

TEST_CASE("measured ticks become microseconds", "[operator_profile]") {
  harness::HostEngine host(model());
  harness::ProfileClock clock;
  clock.timer_hz = 1000000;
  const auto p = harness::build_operator_profile(host, raw({250, 0}, 300, 280), clock);
  CHECK(p.operators[0].time.value == Approx(250));
  CHECK(p.operators[0].time.unit == "us");
  CHECK(p.operators[0].time.provenance == "measured");
  CHECK(p.operators[1].share.value == 0);
  CHECK(p.unhooked_total.value == Approx(280));
}

TEST_CASE("a profile of another model or a 0 Hz timer is refused", "[operator_profile]") {
  harness::HostEngine host(model());
  harness::ProfileClock clock;
  clock.timer_hz = 25000000;
  CHECK_THROWS_WITH(harness::build_operator_profile(host, raw({1, 2, 3}, 9, 9), clock),
                    Contains("runner timed 3 operators, the host engine finds 2"));
  clock.timer_hz = 0;
  CHECK_THROWS_WITH(harness::build_operator_profile(host, raw({1, 2}, 9, 9), clock),
                    Contains("0 Hz"));
}
