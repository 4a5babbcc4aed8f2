#include "kernel_check/kernel_check.h"

#include <cstring>

#include "common/text_format.h"
#include "kernel_check/random_cases.h"

namespace tr::check {
namespace {

constexpr uint32_t kGuardBytes = 16;  // after each output, to catch overruns
constexpr uint32_t kScratchBytes = 32 * 1024;
constexpr uint32_t kPersistentBytes = 4 * 1024;
constexpr int8_t kGuard = 0x5a;

struct Buffers {
  CaseStorage storage;
  int8_t expected[kMaxCaseOutput + kGuardBytes];
  int8_t actual[kMaxCaseOutput + kGuardBytes];
  alignas(16) uint8_t scratch[kScratchBytes];
  alignas(16) uint8_t persistent[kPersistentBytes];
};

Buffers g_buffers;  // static: too big for a firmware stack

class Line {
 public:
  explicit Line(fw::Console& out) : out_(out) {}
  Line& put(const char* s) {
    out_.write(s, std::strlen(s));
    return *this;
  }
  Line& num(int64_t v) {
    char buf[24];
    const size_t n = format_int(v, buf, sizeof buf);
    out_.write(buf, n);
    return *this;
  }
  void end() { out_.write("\n", 1); }

 private:
  fw::Console& out_;
};

struct Context {
  const KernelSet& set;
  fw::Console& out;
  uint32_t seed;
  uint32_t max_reports;
  CheckTotals totals;
};

// Compares actual with expected over `bytes` plus the guard; reports the first difference.
bool outputs_match(Context& ctx, const char* op, uint32_t index, uint32_t bytes) {
  for (uint32_t i = 0; i < bytes + kGuardBytes; ++i) {
    if (g_buffers.actual[i] == g_buffers.expected[i]) continue;
    if (ctx.totals.mismatches < ctx.max_reports) {
      Line l(ctx.out);
      l.put("mismatch ").put(op).put(" case ").num(index).put(" byte ").num(i);
      l.put(i >= bytes ? " (past the output)" : "").put(": expected ").num(g_buffers.expected[i]);
      l.put(" got ").num(g_buffers.actual[i]);
      l.end();
    }
    return false;
  }
  return true;
}

bool memory_fits(Context& ctx, const char* op, uint32_t index, uint32_t persistent,
                 uint32_t scratch) {
  if (persistent <= kPersistentBytes && scratch <= kScratchBytes) return true;
  if (ctx.totals.mismatches < ctx.max_reports) {
    Line l(ctx.out);
    l.put("mismatch ").put(op).put(" case ").num(index).put(": kernel asks ").num(persistent);
    l.put(" persistent and ").num(scratch).put(" scratch bytes, more than the check allows");
    l.end();
  }
  return false;
}

void reset_outputs(uint32_t bytes) {
  std::memset(g_buffers.expected, kGuard, bytes + kGuardBytes);
  std::memset(g_buffers.actual, kGuard, bytes + kGuardBytes);
  std::memset(g_buffers.persistent, 0, kPersistentBytes);  // prepare sees a zeroed block
  std::memset(g_buffers.scratch, 0xa5, kScratchBytes);     // scratch carries no promises
}

void tally(Context& ctx, bool ok) {
  ++ctx.totals.cases;
  if (!ok) ++ctx.totals.mismatches;
}

void check_conv(Context& ctx, CaseRng& rng, uint32_t index) {
  CaseStorage& st = g_buffers.storage;
  const ConvCase c = make_conv_case(rng, st);
  reset_outputs(c.output_bytes);
  const uint32_t persistent = ctx.set.conv_persistent(c.params, c.dims);
  const uint32_t scratch = ctx.set.conv_scratch(c.params, c.dims);
  if (!memory_fits(ctx, "conv_2d", index, persistent, scratch)) return tally(ctx, false);
  ref::conv_2d_s8(c.params, c.quant, c.dims, st.input, st.filter, c.bias, g_buffers.expected);
  const engine::KernelBuffers kb{persistent ? g_buffers.persistent : nullptr,
                                 scratch ? g_buffers.scratch : nullptr};
  ctx.set.conv_prepare(c.params, c.dims, st.filter, c.bias, kb.persistent);
  ctx.set.conv(c.params, c.quant, c.dims, st.input, st.filter, c.bias, g_buffers.actual, kb);
  tally(ctx, outputs_match(ctx, "conv_2d", index, c.output_bytes));
}

void check_depthwise(Context& ctx, CaseRng& rng, uint32_t index) {
  CaseStorage& st = g_buffers.storage;
  const DepthwiseCase c = make_depthwise_case(rng, st);
  reset_outputs(c.output_bytes);
  const uint32_t persistent = ctx.set.dw_persistent(c.params, c.dims);
  const uint32_t scratch = ctx.set.dw_scratch(c.params, c.dims);
  if (!memory_fits(ctx, "depthwise_conv_2d", index, persistent, scratch)) {
    return tally(ctx, false);
  }
  ref::depthwise_conv_2d_s8(c.params, c.quant, c.dims, st.input, st.filter, c.bias,
                            g_buffers.expected);
  const engine::KernelBuffers kb{persistent ? g_buffers.persistent : nullptr,
                                 scratch ? g_buffers.scratch : nullptr};
  ctx.set.dw_prepare(c.params, c.dims, st.filter, c.bias, kb.persistent);
  ctx.set.dw(c.params, c.quant, c.dims, st.input, st.filter, c.bias, g_buffers.actual, kb);
  tally(ctx, outputs_match(ctx, "depthwise_conv_2d", index, c.output_bytes));
}

void check_fully_connected(Context& ctx, CaseRng& rng, uint32_t index) {
  CaseStorage& st = g_buffers.storage;
  const FullyConnectedCase c = make_fully_connected_case(rng, st);
  reset_outputs(c.output_bytes);
  const uint32_t persistent = ctx.set.fc_persistent(c.params, c.dims);
  const uint32_t scratch = ctx.set.fc_scratch(c.params, c.dims);
  if (!memory_fits(ctx, "fully_connected", index, persistent, scratch)) return tally(ctx, false);
  const engine::KernelBuffers kb{persistent ? g_buffers.persistent : nullptr,
                                 scratch ? g_buffers.scratch : nullptr};
  ctx.set.fc_prepare(c.params, c.dims, st.filter, c.bias, kb.persistent);
  if (c.per_channel) {
    ref::fully_connected_per_channel_s8(c.params, st.multipliers, st.shifts, c.dims, st.input,
                                        st.filter, c.bias, g_buffers.expected);
    ctx.set.fc_per_channel(c.params, st.multipliers, st.shifts, c.dims, st.input, st.filter, c.bias,
                           g_buffers.actual, kb);
  } else {
    ref::fully_connected_s8(c.params, c.dims, st.input, st.filter, c.bias, g_buffers.expected);
    ctx.set.fc(c.params, c.dims, st.input, st.filter, c.bias, g_buffers.actual, kb);
  }
  tally(ctx, outputs_match(ctx, "fully_connected", index, c.output_bytes));
}

void check_add(Context& ctx, CaseRng& rng, uint32_t index) {
  CaseStorage& st = g_buffers.storage;
  const AddCase c = make_add_case(rng, st);
  reset_outputs(c.output_bytes);
  ref::add_s8(c.params, c.shape, st.input, st.filter, g_buffers.expected);
  ctx.set.add(c.params, c.shape, st.input, st.filter, g_buffers.actual);
  tally(ctx, outputs_match(ctx, "add", index, c.output_bytes));
}

}  // namespace

CheckTotals run_kernel_check(const KernelSet& set, uint32_t seed, uint32_t cases_per_op,
                             uint32_t max_reports, fw::Console& out) {
  Context ctx{set, out, seed, max_reports, {}};
  // One generator per op, so adding cases to one op does not change the others' cases.
  CaseRng conv_rng(seed);
  CaseRng dw_rng(seed ^ 0x2545f491u);
  CaseRng fc_rng(seed ^ 0x7f4a7c15u);
  CaseRng add_rng(seed ^ 0x1b873593u);
  for (uint32_t i = 0; i < cases_per_op; ++i) {
    check_conv(ctx, conv_rng, i);
    check_depthwise(ctx, dw_rng, i);
    check_fully_connected(ctx, fc_rng, i);
    check_add(ctx, add_rng, i);
  }
  Line l(out);
  l.put("kernel-check ").put(set.name).put(": ").num(ctx.totals.cases).put(" cases, ");
  l.num(ctx.totals.mismatches).put(" mismatches (seed ").num(seed).put(")");
  l.end();
  return ctx.totals;
}

}  // namespace tr::check
