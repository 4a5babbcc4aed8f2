#include "kernel_check/random_cases.h"

#include "engine/ops/add.h"

namespace tr::check {
namespace {

using engine::reference::ConvParams;

uint32_t log2_floor(uint32_t v) {
  uint32_t r = 0;
  while (v > 1) {
    v >>= 1;
    ++r;
  }
  return r;
}

void fill_values(CaseRng& rng, int8_t* data, uint32_t n) {
  // Mostly uniform, sometimes runs of the extremes, which is where saturation and sign
  // extension bugs show.
  const bool extremes = rng.chance(15);
  for (uint32_t i = 0; i < n; ++i) {
    int32_t v = rng.range(-128, 127);
    if (extremes && rng.chance(50)) v = rng.chance(50) ? -128 : 127;
    data[i] = static_cast<int8_t>(v);
  }
}

// Requantization that keeps most outputs inside int8 for an accumulation depth, plus some
// extreme (multiplier, shift) pairs.
void fill_quant(CaseRng& rng, int32_t depth, uint32_t channels, int32_t* multipliers,
                int32_t* shifts) {
  const auto base = -static_cast<int32_t>(7 + log2_floor(static_cast<uint32_t>(depth)) / 2);
  for (uint32_t c = 0; c < channels; ++c) {
    multipliers[c] = static_cast<int32_t>(0x40000000u + (rng.next() & 0x3fffffffu));
    shifts[c] = base + rng.range(-3, 3);
    if (rng.chance(3)) shifts[c] = rng.range(-31, 2);
    if (shifts[c] < -31) shifts[c] = -31;
  }
}

void fill_bias(CaseRng& rng, int32_t* bias, uint32_t channels) {
  const int32_t span = rng.chance(20) ? (1 << 24) : (1 << 14);
  for (uint32_t c = 0; c < channels; ++c) bias[c] = rng.range(-span, span);
}

void fill_offsets(CaseRng& rng, ConvParams& p) {
  p.input_offset = -rng.range(-128, 127);
  p.output_offset = rng.range(-128, 127);
  p.act_min = -128;
  p.act_max = 127;
  if (rng.chance(25)) p.act_min = p.output_offset;  // fused RELU
  if (rng.chance(10)) {
    p.act_min = rng.range(-128, 0);
    p.act_max = rng.range(1, 127);
  }
}

// Output size and leading padding for one spatial axis (SAME or VALID); false when VALID
// leaves no output.
bool axis_geometry(int32_t in, int32_t filter, int32_t stride, int32_t dilation, bool same,
                   int32_t& out, int32_t& pad) {
  const int32_t effective = (filter - 1) * dilation + 1;
  if (same) {
    out = (in + stride - 1) / stride;
    const int32_t total = (out - 1) * stride + effective - in;
    pad = total > 0 ? total / 2 : 0;
    return true;
  }
  if (in < effective) return false;
  out = (in - effective) / stride + 1;
  pad = 0;
  return true;
}

int32_t pick_channels(CaseRng& rng, int32_t max) {
  // Multiples of 4 and 16 are the fast paths of optimized kernels; odd counts are their tails.
  int32_t c = rng.range(1, max);
  if (rng.chance(40)) c = ((c + 3) / 4) * 4;
  if (rng.chance(20)) c = ((c + 15) / 16) * 16;
  return c > max ? max : c;
}

struct Spatial {
  int32_t filter_h, filter_w, stride_h, stride_w, dilation_h, dilation_w;
};

Spatial pick_spatial(CaseRng& rng, bool allow_big) {
  Spatial s{1, 1, 1, 1, 1, 1};
  const uint32_t kind = rng.next() % 10;
  if (kind < 3) return s;  // 1x1, stride 1
  if (kind < 7) {
    s.filter_h = s.filter_w = 3;
  } else if (kind < 8 && allow_big) {
    s.filter_h = 10;
    s.filter_w = 4;
  } else {
    s.filter_h = rng.range(1, 5);
    s.filter_w = rng.range(1, 5);
  }
  s.stride_h = s.stride_w = rng.chance(30) ? 2 : 1;
  if (rng.chance(10)) s.stride_w = rng.range(1, 3);
  if (rng.chance(12)) s.dilation_h = s.dilation_w = 2;
  if (rng.chance(5)) s.dilation_w = 3;
  return s;
}

// The spatial half of a CONV_2D or DEPTHWISE_CONV_2D case: filter size, strides, dilations.
template <typename Dims>
void take_spatial(const Spatial& s, Dims& d, ConvParams& p) {
  d.filter_h = s.filter_h;
  d.filter_w = s.filter_w;
  p.stride_h = s.stride_h;
  p.stride_w = s.stride_w;
  p.dilation_h = s.dilation_h;
  p.dilation_w = s.dilation_w;
}

// Output size and padding of both axes; false when VALID padding leaves no output.
template <typename Dims>
bool place_output(Dims& d, ConvParams& p, bool same) {
  return axis_geometry(d.input_h, d.filter_h, p.stride_h, p.dilation_h, same, d.output_h,
                       p.pad_top) &&
         axis_geometry(d.input_w, d.filter_w, p.stride_w, p.dilation_w, same, d.output_w,
                       p.pad_left);
}

// Offsets, input and filter values, per-channel quantization and an optional bias, drawn in
// the same order for every filtered op so a seed names one case.
template <typename Case>
void fill_filtered_case(CaseRng& rng, CaseStorage& st, Case& c, int64_t in_bytes,
                        int64_t filter_bytes, int64_t out_bytes, int32_t depth) {
  fill_offsets(rng, c.params);
  fill_values(rng, st.input, static_cast<uint32_t>(in_bytes));
  fill_values(rng, st.filter, static_cast<uint32_t>(filter_bytes));
  const auto channels = static_cast<uint32_t>(c.dims.output_c);
  fill_quant(rng, depth, channels, st.multipliers, st.shifts);
  fill_bias(rng, st.bias, channels);
  c.quant = {st.multipliers, st.shifts};
  c.bias = rng.chance(85) ? st.bias : nullptr;
  c.output_bytes = static_cast<uint32_t>(out_bytes);
}

}  // namespace

uint32_t CaseRng::next() {
  state_ ^= state_ << 13;
  state_ ^= state_ >> 17;
  state_ ^= state_ << 5;
  return state_;
}

int32_t CaseRng::range(int32_t lo, int32_t hi) {
  const auto span = static_cast<uint32_t>(hi - lo) + 1u;
  return lo + static_cast<int32_t>(span == 0 ? next() : next() % span);
}

bool CaseRng::chance(uint32_t percent) {
  return next() % 100u < percent;
}

ConvCase make_conv_case(CaseRng& rng, CaseStorage& st) {
  for (;;) {
    ConvCase c;
    auto& d = c.dims;
    auto& p = c.params;
    const Spatial s = pick_spatial(rng, true);
    d.batches = rng.chance(10) ? 2 : 1;
    take_spatial(s, d, p);
    const int32_t groups = rng.chance(5) ? rng.range(2, 4) : 1;
    d.filter_c = pick_channels(rng, 64);
    d.input_c = d.filter_c * groups;
    d.output_c = groups * rng.range(1, 64 / groups);
    if (rng.chance(30)) d.output_c = groups * ((d.output_c / groups + 3) / 4 * 4);
    d.input_h = rng.range(1, 14);
    d.input_w = rng.range(1, 14);
    const bool same = rng.chance(50);
    if (!place_output(d, p, same)) continue;
    const int64_t in_bytes = int64_t{d.batches} * d.input_h * d.input_w * d.input_c;
    const int64_t filter_bytes = int64_t{d.output_c} * d.filter_h * d.filter_w * d.filter_c;
    const int64_t out_bytes = int64_t{d.batches} * d.output_h * d.output_w * d.output_c;
    if (in_bytes > kMaxCaseInput || filter_bytes > kMaxCaseFilter || out_bytes > kMaxCaseOutput ||
        d.output_c > static_cast<int32_t>(kMaxCaseChannels)) {
      continue;
    }
    fill_filtered_case(rng, st, c, in_bytes, filter_bytes, out_bytes,
                       d.filter_h * d.filter_w * d.filter_c);
    return c;
  }
}

DepthwiseCase make_depthwise_case(CaseRng& rng, CaseStorage& st) {
  for (;;) {
    DepthwiseCase c;
    auto& d = c.dims;
    auto& p = c.params;
    const Spatial s = pick_spatial(rng, false);
    d.batches = rng.chance(10) ? 2 : 1;
    take_spatial(s, d, p);
    d.depth_multiplier = rng.chance(70) ? 1 : rng.range(2, 3);
    d.input_c = pick_channels(rng, 64 / d.depth_multiplier);
    d.output_c = d.input_c * d.depth_multiplier;
    d.input_h = rng.range(1, 16);
    d.input_w = rng.range(1, 16);
    const bool same = rng.chance(50);
    if (!place_output(d, p, same)) continue;
    const int64_t in_bytes = int64_t{d.batches} * d.input_h * d.input_w * d.input_c;
    const int64_t filter_bytes = int64_t{d.filter_h} * d.filter_w * d.output_c;
    const int64_t out_bytes = int64_t{d.batches} * d.output_h * d.output_w * d.output_c;
    if (in_bytes > kMaxCaseInput || filter_bytes > kMaxCaseFilter || out_bytes > kMaxCaseOutput) {
      continue;
    }
    fill_filtered_case(rng, st, c, in_bytes, filter_bytes, out_bytes, d.filter_h * d.filter_w);
    return c;
  }
}

FullyConnectedCase make_fully_connected_case(CaseRng& rng, CaseStorage& st) {
  for (;;) {
    FullyConnectedCase c;
    auto& d = c.dims;
    auto& p = c.params;
    d.batches = rng.chance(20) ? rng.range(2, 3) : 1;
    d.accum_depth = rng.chance(50) ? rng.range(1, 64) : rng.range(65, 640);
    if (rng.chance(30)) d.accum_depth = (d.accum_depth + 15) / 16 * 16;
    d.output_depth = pick_channels(rng, 64);
    const int64_t in_bytes = int64_t{d.batches} * d.accum_depth;
    const int64_t w_bytes = int64_t{d.output_depth} * d.accum_depth;
    const int64_t out_bytes = int64_t{d.batches} * d.output_depth;
    if (in_bytes > kMaxCaseInput || w_bytes > kMaxCaseFilter) continue;
    p.input_offset = -rng.range(-128, 127);
    p.output_offset = rng.range(-128, 127);
    p.act_min = rng.chance(25) ? p.output_offset : -128;
    p.act_max = 127;
    c.per_channel = rng.chance(50);
    const auto channels = static_cast<uint32_t>(d.output_depth);
    fill_quant(rng, d.accum_depth, channels, st.multipliers, st.shifts);
    p.multiplier = st.multipliers[0];
    p.shift = st.shifts[0];
    p.weights_offset = (!c.per_channel && rng.chance(20)) ? -rng.range(-127, 127) : 0;
    fill_values(rng, st.input, static_cast<uint32_t>(in_bytes));
    fill_values(rng, st.filter, static_cast<uint32_t>(w_bytes));
    fill_bias(rng, st.bias, channels);
    c.bias = rng.chance(85) ? st.bias : nullptr;
    c.output_bytes = static_cast<uint32_t>(out_bytes);
    return c;
  }
}

namespace {

float random_scale(CaseRng& rng) {
  return 0.002f + static_cast<float>(rng.range(0, 1000)) * 0.0004f;
}

}  // namespace

AddCase make_add_case(CaseRng& rng, CaseStorage& st) {
  for (;;) {
    AddCase c;
    const int32_t h = rng.range(1, 16);
    const int32_t w = rng.range(1, 16);
    const int32_t ch = pick_channels(rng, 64);
    const int32_t count = h * w * ch;
    if (count > static_cast<int32_t>(kMaxCaseOutput)) continue;
    const uint8_t activation = rng.chance(30) ? 1 : 0;  // fused RELU
    if (!engine::add_params(random_scale(rng), rng.range(-128, 127), random_scale(rng),
                            rng.range(-128, 127), random_scale(rng), rng.range(-128, 127),
                            activation, c.params)) {
      continue;  // the output scale was too small for ADD's fixed-point path
    }
    auto& s = c.shape;
    s.rank = 3;
    s.dims[0] = h;
    s.dims[1] = w;
    s.dims[2] = ch;
    const int32_t dense[3] = {w * ch, ch, 1};
    for (int d = 0; d < 3; ++d) s.strides1[d] = s.strides2[d] = dense[d];
    uint32_t count2 = static_cast<uint32_t>(count);
    if (rng.chance(20)) {  // input 2 is one value per channel, repeated over the image
      s.strides2[0] = s.strides2[1] = 0;
      count2 = static_cast<uint32_t>(ch);
    }
    fill_values(rng, st.input, static_cast<uint32_t>(count));
    fill_values(rng, st.filter, count2);
    c.output_bytes = static_cast<uint32_t>(count);
    return c;
  }
}

}  // namespace tr::check
