// TFLM's golden values for the MLPerf Tiny KWS, VWW and IC reference models
// (tflite-format.md §3.6): per pattern P0-P2 the final int8 outputs, the input CRC-32 and the
// CRC-32 of every operator's output. Facts, copied from the fact sheet.
#pragma once

#include <cstdint>
#include <vector>

#include "builder/input_patterns.h"

namespace tr::test {

struct PatternGolden {
  workloads::Pattern pattern;
  const char* name;
  std::vector<int8_t> output;
  uint32_t input_crc;
  std::vector<uint32_t> op_crcs;
};

struct ModelGolden {
  const char* id;
  const char* file;
  uint32_t input_bytes;
  std::vector<PatternGolden> patterns;
};

// kws, vww, ic in that order.
const std::vector<ModelGolden>& mlperf_goldens();

}  // namespace tr::test
