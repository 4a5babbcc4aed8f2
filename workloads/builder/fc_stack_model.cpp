#include "builder/fc_stack_model.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include "builder/prng.h"
#include "builder/tflite_writer.h"

namespace tr::workloads {
namespace {

constexpr int kCalibrationInputs = 8;

struct Quant {
  float scale;
  int32_t zero_point;
};

using Batch = std::vector<std::vector<double>>;  // [input][element], real values

struct Layer {
  int depth, outputs;
  std::vector<int8_t> weights;  // [outputs, depth]
  float weight_scale;
  std::vector<int32_t> bias;
  float bias_scale;
};

Layer random_layer(SplitMix64& rng, int depth, int outputs, float input_scale) {
  Layer l{depth, outputs, std::vector<int8_t>(static_cast<size_t>(depth) * outputs),
          0.0f,  {},      0.0f};
  for (auto& w : l.weights) w = static_cast<int8_t>(rng.uniform_int(-127, 127));
  // Weights of magnitude ~1/sqrt(depth) keep activations in the same range layer to layer.
  l.weight_scale = static_cast<float>((0.75 + 0.5 * rng.uniform01()) / (64.0 * std::sqrt(depth)));
  l.bias_scale = input_scale * l.weight_scale;  // float32 product, as TFLM checks it
  const auto bound = static_cast<int32_t>(std::sqrt(depth) * 1024.0);
  for (int c = 0; c < outputs; ++c) l.bias.push_back(rng.uniform_int(-bound, bound));
  return l;
}

Batch forward(const Layer& l, const Batch& x, bool relu) {
  Batch y(x.size(), std::vector<double>(static_cast<size_t>(l.outputs)));
  for (size_t k = 0; k < x.size(); ++k) {
    for (int c = 0; c < l.outputs; ++c) {
      double acc = static_cast<double>(l.bias_scale) * l.bias[static_cast<size_t>(c)];
      for (int d = 0; d < l.depth; ++d) {
        acc += static_cast<double>(l.weight_scale) *
               l.weights[static_cast<size_t>(c) * l.depth + d] * x[k][static_cast<size_t>(d)];
      }
      y[k][static_cast<size_t>(c)] = relu ? std::max(acc, 0.0) : acc;
    }
  }
  return y;
}

// Output quantization covering the calibration range with 5 % headroom. After a RELU the
// zero point is -128 (as the converter emits); otherwise the range is centred.
Quant calibrate(const Batch& y, bool relu) {
  double lo = 0.0, hi = 0.0;
  for (const auto& row : y) {
    for (double v : row) {
      lo = std::min(lo, v);
      hi = std::max(hi, v);
    }
  }
  const double range = std::max(hi - lo, 1e-6);
  const auto scale = static_cast<float>(range * 1.05 / 255.0);
  if (relu) return {scale, -128};
  const double zp = std::round(-(lo + hi) / 2.0 / static_cast<double>(scale));
  return {scale, static_cast<int32_t>(std::clamp(zp, -128.0, 127.0))};
}

Batch requantize(const Batch& y, Quant q) {
  Batch out = y;
  for (auto& row : out) {
    for (auto& v : row) {
      const double level = std::clamp(std::round(v / q.scale) + q.zero_point, -128.0, 127.0);
      v = static_cast<double>(q.scale) * (level - q.zero_point);
    }
  }
  return out;
}

}  // namespace

std::vector<uint8_t> make_fc_stack_model(uint32_t seed, const std::vector<int>& layer_sizes) {
  if (layer_sizes.size() < 2 ||
      std::any_of(layer_sizes.begin(), layer_sizes.end(), [](int n) { return n <= 0; })) {
    throw std::invalid_argument("make_fc_stack_model: need at least two positive layer sizes");
  }
  SplitMix64 rng((uint64_t{0x74726663} << 32) | seed);
  Quant in{static_cast<float>(0.1 + 0.3 * rng.uniform01()), rng.uniform_int(-32, 96)};
  Batch x(kCalibrationInputs, std::vector<double>(static_cast<size_t>(layer_sizes[0])));
  for (auto& row : x) {
    for (auto& v : row)
      v = static_cast<double>(in.scale) * (rng.uniform_int(-128, 127) - in.zero_point);
  }
  TfliteWriter w;
  int current = w.add_int8("input", {1, layer_sizes[0]}, in.scale, in.zero_point);
  w.set_inputs({current});
  const size_t layers = layer_sizes.size() - 1;
  for (size_t l = 0; l < layers; ++l) {
    const bool last = l + 1 == layers;
    const Layer layer = random_layer(rng, layer_sizes[l], layer_sizes[l + 1], in.scale);
    const Batch y = forward(layer, x, !last);
    const Quant out = calibrate(y, !last);
    const std::string name = "dense_" + std::to_string(l + 1);
    const int weights = w.add_int8(name + "/weights", {layer.outputs, layer.depth},
                                   layer.weight_scale, 0, layer.weights);
    const int bias = w.add_int32(name + "/bias", {layer.outputs}, layer.bias, {layer.bias_scale});
    const int output = w.add_int8(last ? "output" : name + "/output", {1, layer.outputs}, out.scale,
                                  out.zero_point);
    w.add_fully_connected(current, weights, bias, output,
                          last ? FusedActivation::none : FusedActivation::relu);
    x = requantize(y, out);
    in = out;
    current = output;
  }
  w.set_outputs({current});
  return w.build();
}

}  // namespace tr::workloads
