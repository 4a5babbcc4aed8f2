#include "run/operator_profile.h"

#include <stdexcept>
#include <string>
#include <vector>

#include "engine/builtin_names.h"
#include "session/board_session.h"

namespace tr::harness {
namespace {

constexpr const char* kMacsBasis =
    "multiply-accumulates counted from the model's tensor shapes by the host build of the engine";
constexpr const char* kArenaBasis =
    "bytes of the engine's arena plan in use during the operator (live tensors and its scratch), "
    "from the host build of the engine; the runner plans the same way";

std::vector<int32_t> shape_of(const engine::TensorView& t) {
  return std::vector<int32_t>(t.dims, t.dims + t.rank);
}

class TickReader {
 public:
  explicit TickReader(const ProfileClock& clock) : clock_(clock) {
    if (clock.timer_hz == 0) throw std::runtime_error("profile: the runner's timer rate is 0 Hz");
  }
  report::Figure figure(uint64_t ticks) const {
    if (clock_.icount_shift) {
      return {instructions_per_inference(ticks, clock_.timer_hz, *clock_.icount_shift, 1),
              "instructions", "emulated", ""};
    }
    const double us = static_cast<double>(ticks) * 1e6 / static_cast<double>(clock_.timer_hz);
    return {us, "us", "measured", ""};
  }

 private:
  ProfileClock clock_;
};

}  // namespace

report::ProfileInfo build_operator_profile(const HostEngine& host, const RunnerProfile& raw,
                                           const ProfileClock& clock) {
  if (raw.op_ticks.size() != host.operator_count()) {
    throw std::runtime_error("profile: the runner timed " + std::to_string(raw.op_ticks.size()) +
                             " operators, the host engine finds " +
                             std::to_string(host.operator_count()) + " in the model");
  }
  const TickReader reader(clock);
  report::ProfileInfo p;
  p.operator_sum = reader.figure(raw.sum_ticks);
  p.hooked_total = reader.figure(raw.hooked_ticks);
  p.unhooked_total = reader.figure(raw.plain_ticks);
  for (uint32_t i = 0; i < raw.op_ticks.size(); ++i) {
    const engine::OperatorInfo info = host.operator_info(i);
    report::OperatorProfile op;
    op.index = i;
    op.op = engine::builtin_operator_name(info.code);
    op.input_shape = shape_of(info.input);
    op.output_shape = shape_of(info.output);
    op.macs = {static_cast<double>(info.macs), "MACs", "modelled", kMacsBasis};
    op.time = reader.figure(raw.op_ticks[i]);
    const double share = raw.sum_ticks == 0 ? 0.0
                                            : 100.0 * static_cast<double>(raw.op_ticks[i]) /
                                                  static_cast<double>(raw.sum_ticks);
    op.share = {share, "%", op.time.provenance, ""};
    op.arena_bytes = {static_cast<double>(info.arena_live_bytes), "bytes", "modelled", kArenaBasis};
    p.operators.push_back(std::move(op));
  }
  return p;
}

}  // namespace tr::harness
