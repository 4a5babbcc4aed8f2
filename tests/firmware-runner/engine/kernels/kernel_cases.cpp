#include "kernel_cases.h"

#include <cstring>
#include <memory>
#include <sstream>

#include "engine/kernels/dsp/dsp_kernels.h"

namespace tr::test {
namespace {

namespace ref = tr::engine::reference;
namespace dsp = tr::engine::dsp;

int32_t uniform(Rng& rng, int32_t lo, int32_t hi) {
  return std::uniform_int_distribution<int32_t>(lo, hi)(rng);
}

bool chance(Rng& rng, int percent) {
  return uniform(rng, 0, 99) < percent;
}

std::vector<int8_t> random_data(Rng& rng, size_t n, Values values) {
  std::vector<int8_t> v(n);
  const bool extremes = values == Values::extremes;
  for (auto& x : v) {
    int32_t r = uniform(rng, -128, 127);
    if (extremes && chance(rng, 60)) r = chance(rng, 50) ? -128 : 127;
    x = static_cast<int8_t>(r);
  }
  return v;
}

std::vector<int32_t> random_bias(Rng& rng, int32_t n, Values values) {
  std::vector<int32_t> b(static_cast<size_t>(n));
  for (auto& x : b) {
    x = uniform(rng, -(1 << 16), 1 << 16);
    if (values == Values::extremes && chance(rng, 30)) {
      x = chance(rng, 50) ? INT32_MAX - uniform(rng, 0, 1000) : INT32_MIN + uniform(rng, 0, 1000);
    }
  }
  return b;
}

int32_t log2_floor(int32_t v) {
  int32_t r = 0;
  while (v > 1) {
    v >>= 1;
    ++r;
  }
  return r;
}

// Mostly multipliers in [2^30, 2^31) with right shifts that keep outputs near int8, plus
// flushed channels (0, 0), M = 2^30 exactly, deep right shifts, and rare shifts >= 0.
void random_quant(Rng& rng, int32_t depth, int32_t n, Values values, std::vector<int32_t>& m,
                  std::vector<int32_t>& s) {
  m.resize(static_cast<size_t>(n));
  s.resize(static_cast<size_t>(n));
  const int32_t base = -(7 + log2_floor(depth) / 2);
  const bool allow_left = chance(rng, 10);
  for (size_t c = 0; c < m.size(); ++c) {
    m[c] = static_cast<int32_t>(0x40000000u + (static_cast<uint32_t>(rng()) & 0x3FFFFFFFu));
    s[c] = base + uniform(rng, -3, 3);
    if (chance(rng, 5)) m[c] = 1 << 30;
    if (chance(rng, 5)) s[c] = uniform(rng, -31, -1);
    if (chance(rng, 4) || (values == Values::extremes && chance(rng, 10))) {
      m[c] = 0;
      s[c] = 0;
    }
    if (allow_left && chance(rng, 20)) s[c] = uniform(rng, 0, 2);
    if (s[c] < -31) s[c] = -31;
  }
}

void random_offsets_and_clamp(Rng& rng, Values values, int32_t& input_offset,
                              int32_t& output_offset, int32_t& act_min, int32_t& act_max) {
  input_offset = -uniform(rng, -128, 127);
  output_offset = uniform(rng, -128, 127);
  if (values == Values::extremes) {
    const int32_t in_choices[] = {128, -127, 0};
    const int32_t out_choices[] = {-128, 127, 0};
    input_offset = in_choices[uniform(rng, 0, 2)];
    output_offset = out_choices[uniform(rng, 0, 2)];
  }
  act_min = -128;
  act_max = 127;
  if (chance(rng, 20)) act_min = output_offset;  // fused RELU
  if (chance(rng, 10)) {
    act_min = uniform(rng, -128, 0);
    act_max = uniform(rng, 1, 127);
  }
}

// Output size and leading padding of one axis (int8-quantization.md §5).
void axis(int32_t in, int32_t filter, int32_t stride, int32_t dilation, bool same, int32_t& out,
          int32_t& pad) {
  const int32_t effective = (filter - 1) * dilation + 1;
  out = same ? (in + stride - 1) / stride : (in - effective) / stride + 1;
  const int32_t total = (out - 1) * stride + effective - in;
  pad = total > 0 ? total / 2 : 0;
}

// Heap scratch of exactly `bytes` followed by a canary block, checked after the kernel ran.
class Scratch {
 public:
  explicit Scratch(uint32_t bytes) : bytes_(bytes), block_(new uint8_t[bytes + kCanary]) {
    std::memset(block_.get(), 0xA5, bytes + kCanary);
  }
  void* get() { return bytes_ == 0 ? nullptr : block_.get(); }
  bool canary_intact() const {
    for (uint32_t i = 0; i < kCanary; ++i) {
      if (block_[bytes_ + i] != 0xA5) return false;
    }
    return true;
  }

 private:
  static constexpr uint32_t kCanary = 32;
  uint32_t bytes_;
  std::unique_ptr<uint8_t[]> block_;
};

std::string compare(const std::vector<int8_t>& got, const std::vector<int8_t>& want) {
  for (size_t i = 0; i < want.size(); ++i) {
    if (got[i] != want[i]) {
      std::ostringstream o;
      o << "output " << i << " of " << want.size() << ": dsp " << int{got[i]} << ", reference "
        << int{want[i]};
      return o.str();
    }
  }
  return {};
}

std::string describe_conv(const ConvShape& s, const ref::ConvParams& p, bool depthwise) {
  std::ostringstream o;
  o << (depthwise ? "depthwise " : "conv ") << "batches " << s.batches << " input " << s.input_h
    << "x" << s.input_w << "x" << s.input_c << " filter " << s.filter_h << "x" << s.filter_w;
  if (depthwise) {
    o << " multiplier " << s.depth_multiplier;
  } else {
    o << " outputs " << s.output_c;
  }
  o << " stride " << s.stride_h << "," << s.stride_w << " dilation " << s.dilation_h << ","
    << s.dilation_w << (s.same ? " SAME" : " VALID") << " in_off " << p.input_offset << " out_off "
    << p.output_offset << " act [" << p.act_min << "," << p.act_max << "]";
  return o.str();
}

ref::ConvParams conv_params(const ConvShape& s, Values values, Rng& rng, int32_t& out_h,
                            int32_t& out_w) {
  ref::ConvParams p;
  p.stride_h = s.stride_h;
  p.stride_w = s.stride_w;
  p.dilation_h = s.dilation_h;
  p.dilation_w = s.dilation_w;
  axis(s.input_h, s.filter_h, s.stride_h, s.dilation_h, s.same, out_h, p.pad_top);
  axis(s.input_w, s.filter_w, s.stride_w, s.dilation_w, s.same, out_w, p.pad_left);
  random_offsets_and_clamp(rng, values, p.input_offset, p.output_offset, p.act_min, p.act_max);
  return p;
}

}  // namespace

CaseResult run_conv_case(const ConvShape& s, Values values, Rng& rng) {
  ref::ConvDims d;
  d.batches = s.batches;
  d.input_h = s.input_h;
  d.input_w = s.input_w;
  d.input_c = s.input_c;
  d.filter_h = s.filter_h;
  d.filter_w = s.filter_w;
  d.filter_c = s.input_c;
  d.output_c = s.output_c;
  const ref::ConvParams p = conv_params(s, values, rng, d.output_h, d.output_w);
  const int32_t depth = d.filter_h * d.filter_w * d.filter_c;
  const auto input =
      random_data(rng, size_t(d.batches) * d.input_h * d.input_w * d.input_c, values);
  const auto filter = random_data(rng, size_t(d.output_c) * depth, values);
  const auto bias = random_bias(rng, d.output_c, values);
  const bool with_bias = !chance(rng, 10);
  std::vector<int32_t> mult;
  std::vector<int32_t> shift;
  random_quant(rng, depth, d.output_c, values, mult, shift);
  const ref::PerChannelQuant quant{mult.data(), shift.data()};
  const size_t out_size = size_t(d.batches) * d.output_h * d.output_w * d.output_c;
  std::vector<int8_t> want(out_size);
  std::vector<int8_t> got(out_size);
  const int32_t* b = with_bias ? bias.data() : nullptr;
  ref::conv_2d_s8(p, quant, d, input.data(), filter.data(), b, want.data());

  CaseResult r;
  r.describe = describe_conv(s, p, false);
  r.scratch_bytes = dsp::conv_2d_s8_scratch_bytes(p, d);
  r.persistent_bytes = dsp::conv_2d_s8_persistent_bytes(p, d);
  Scratch scratch(r.scratch_bytes);
  Scratch persistent(r.persistent_bytes);
  dsp::conv_2d_s8_prepare(p, d, filter.data(), b, persistent.get());
  dsp::conv_2d_s8(p, quant, d, input.data(), filter.data(), b, got.data(),
                  {persistent.get(), scratch.get()});
  r.mismatch = compare(got, want);
  if (r.mismatch.empty() && !(scratch.canary_intact() && persistent.canary_intact())) {
    r.mismatch = "wrote past its scratch or persistent block";
  }
  return r;
}

CaseResult run_depthwise_case(const ConvShape& s, Values values, Rng& rng) {
  ref::DepthwiseConvDims d;
  d.batches = s.batches;
  d.input_h = s.input_h;
  d.input_w = s.input_w;
  d.input_c = s.input_c;
  d.filter_h = s.filter_h;
  d.filter_w = s.filter_w;
  d.depth_multiplier = s.depth_multiplier;
  d.output_c = s.input_c * s.depth_multiplier;
  const ref::ConvParams p = conv_params(s, values, rng, d.output_h, d.output_w);
  const auto input =
      random_data(rng, size_t(d.batches) * d.input_h * d.input_w * d.input_c, values);
  const auto filter = random_data(rng, size_t(d.filter_h) * d.filter_w * d.output_c, values);
  const auto bias = random_bias(rng, d.output_c, values);
  const bool with_bias = !chance(rng, 10);
  std::vector<int32_t> mult;
  std::vector<int32_t> shift;
  random_quant(rng, d.filter_h * d.filter_w, d.output_c, values, mult, shift);
  const ref::PerChannelQuant quant{mult.data(), shift.data()};
  const size_t out_size = size_t(d.batches) * d.output_h * d.output_w * d.output_c;
  std::vector<int8_t> want(out_size);
  std::vector<int8_t> got(out_size);
  const int32_t* b = with_bias ? bias.data() : nullptr;
  ref::depthwise_conv_2d_s8(p, quant, d, input.data(), filter.data(), b, want.data());

  CaseResult r;
  r.describe = describe_conv(s, p, true);
  r.scratch_bytes = dsp::depthwise_conv_2d_s8_scratch_bytes(p, d);
  r.persistent_bytes = dsp::depthwise_conv_2d_s8_persistent_bytes(p, d);
  Scratch scratch(r.scratch_bytes);
  Scratch persistent(r.persistent_bytes);
  dsp::depthwise_conv_2d_s8_prepare(p, d, filter.data(), b, persistent.get());
  dsp::depthwise_conv_2d_s8(p, quant, d, input.data(), filter.data(), b, got.data(),
                            {persistent.get(), scratch.get()});
  r.mismatch = compare(got, want);
  if (r.mismatch.empty() && !(scratch.canary_intact() && persistent.canary_intact())) {
    r.mismatch = "wrote past its scratch or persistent block";
  }
  return r;
}

CaseResult run_fully_connected_case(int32_t batches, int32_t depth, int32_t outputs,
                                    bool per_channel, Values values, Rng& rng) {
  ref::FullyConnectedDims d{batches, depth, outputs};
  ref::FullyConnectedParams p;
  random_offsets_and_clamp(rng, values, p.input_offset, p.output_offset, p.act_min, p.act_max);
  if (!per_channel && chance(rng, 30)) p.weights_offset = -uniform(rng, -128, 127);
  std::vector<int32_t> mult;
  std::vector<int32_t> shift;
  random_quant(rng, depth, outputs, values, mult, shift);
  p.multiplier = mult[0];
  p.shift = shift[0];
  const auto input = random_data(rng, size_t(batches) * depth, values);
  const auto weights = random_data(rng, size_t(outputs) * depth, values);
  const auto bias = random_bias(rng, outputs, values);
  const int32_t* b = chance(rng, 10) ? nullptr : bias.data();
  const size_t out_size = size_t(batches) * outputs;
  std::vector<int8_t> want(out_size);
  std::vector<int8_t> got(out_size);

  CaseResult r;
  std::ostringstream o;
  o << "fully connected " << (per_channel ? "per-channel" : "per-tensor") << " batches " << batches
    << " depth " << depth << " outputs " << outputs << " in_off " << p.input_offset << " w_off "
    << p.weights_offset << " out_off " << p.output_offset << " act [" << p.act_min << ","
    << p.act_max << "]";
  r.describe = o.str();
  r.scratch_bytes = dsp::fully_connected_s8_scratch_bytes(p, d);
  r.persistent_bytes = dsp::fully_connected_s8_persistent_bytes(p, d);
  Scratch scratch(r.scratch_bytes);
  Scratch persistent(r.persistent_bytes);
  dsp::fully_connected_s8_prepare(p, d, weights.data(), b, persistent.get());
  const engine::KernelBuffers buffers{persistent.get(), scratch.get()};
  if (per_channel) {
    ref::fully_connected_per_channel_s8(p, mult.data(), shift.data(), d, input.data(),
                                        weights.data(), b, want.data());
    dsp::fully_connected_per_channel_s8(p, mult.data(), shift.data(), d, input.data(),
                                        weights.data(), b, got.data(), buffers);
  } else {
    ref::fully_connected_s8(p, d, input.data(), weights.data(), b, want.data());
    dsp::fully_connected_s8(p, d, input.data(), weights.data(), b, got.data(), buffers);
  }
  r.mismatch = compare(got, want);
  if (r.mismatch.empty() && !(scratch.canary_intact() && persistent.canary_intact())) {
    r.mismatch = "wrote past its scratch or persistent block";
  }
  return r;
}

ConvShape random_conv_shape(Rng& rng) {
  ConvShape s;
  for (;;) {
    s.batches = chance(rng, 15) ? 2 : 1;
    s.input_h = uniform(rng, 1, 12);
    s.input_w = uniform(rng, 1, 12);
    s.input_c = uniform(rng, 1, 24);
    if (chance(rng, 40)) s.input_c = ((s.input_c + 3) / 4) * 4;
    s.filter_h = uniform(rng, 1, 5);
    s.filter_w = uniform(rng, 1, 5);
    s.output_c = uniform(rng, 1, 20);
    s.depth_multiplier = chance(rng, 60) ? 1 : uniform(rng, 2, 3);
    s.stride_h = uniform(rng, 1, 3);
    s.stride_w = uniform(rng, 1, 3);
    s.dilation_h = chance(rng, 70) ? 1 : uniform(rng, 2, 3);
    s.dilation_w = chance(rng, 70) ? 1 : uniform(rng, 2, 3);
    s.same = chance(rng, 50);
    const int32_t eh = (s.filter_h - 1) * s.dilation_h + 1;
    const int32_t ew = (s.filter_w - 1) * s.dilation_w + 1;
    if (s.same || (eh <= s.input_h && ew <= s.input_w)) break;
  }
  return s;
}

}  // namespace tr::test
