// Random operands for the kernel-set check: shapes, strides, dilations, paddings, depth
// multipliers, quantization and values drawn from a seeded generator, so any mismatch between
// an optimized kernel set and the reference kernels can be replayed from (seed, case index).
// Portable: the same cases run on the host and in the kernel-check firmware. All storage is
// fixed-size; the generator keeps every operand within it.
#pragma once

#include <cstdint>

#include "engine/kernels/reference/add_s8.h"
#include "engine/kernels/reference/conv_2d_s8.h"
#include "engine/kernels/reference/depthwise_conv_2d_s8.h"
#include "engine/kernels/reference/fully_connected_s8.h"

namespace tr::check {

constexpr uint32_t kMaxCaseInput = 6144;
constexpr uint32_t kMaxCaseFilter = 8192;
constexpr uint32_t kMaxCaseOutput = 6144;
constexpr uint32_t kMaxCaseChannels = 96;

// xorshift32: small, fast, and identical on every platform.
class CaseRng {
 public:
  explicit CaseRng(uint32_t seed) : state_(seed == 0 ? 0x9e3779b9u : seed) {}
  uint32_t next();
  int32_t range(int32_t lo, int32_t hi);  // inclusive
  bool chance(uint32_t percent);

 private:
  uint32_t state_;
};

struct CaseStorage {
  int8_t input[kMaxCaseInput];
  int8_t filter[kMaxCaseFilter];
  int32_t bias[kMaxCaseChannels];
  int32_t multipliers[kMaxCaseChannels];
  int32_t shifts[kMaxCaseChannels];
};

struct ConvCase {
  engine::reference::ConvParams params;
  engine::reference::PerChannelQuant quant;
  engine::reference::ConvDims dims;
  const int32_t* bias = nullptr;  // nullptr in some cases
  uint32_t output_bytes = 0;
};

struct DepthwiseCase {
  engine::reference::ConvParams params;
  engine::reference::PerChannelQuant quant;
  engine::reference::DepthwiseConvDims dims;
  const int32_t* bias = nullptr;
  uint32_t output_bytes = 0;
};

struct FullyConnectedCase {
  engine::reference::FullyConnectedParams params;
  engine::reference::FullyConnectedDims dims;
  bool per_channel = false;  // multipliers/shifts from the storage, else params.multiplier/shift
  const int32_t* bias = nullptr;
  uint32_t output_bytes = 0;
};

struct AddCase {
  engine::reference::AddParams params;
  engine::reference::BroadcastShape shape;  // input 1 in storage.input, input 2 in storage.filter
  uint32_t output_bytes = 0;
};

// Each fills `storage` and describes one case; the shapes fit the storage by construction.
ConvCase make_conv_case(CaseRng& rng, CaseStorage& storage);
DepthwiseCase make_depthwise_case(CaseRng& rng, CaseStorage& storage);
FullyConnectedCase make_fully_connected_case(CaseRng& rng, CaseStorage& storage);
// Parameters from random scales through the engine's own ADD prepare math (add_params).
AddCase make_add_case(CaseRng& rng, CaseStorage& storage);

}  // namespace tr::check
