// Test helper: the CONV_2D / DEPTHWISE_CONV_2D / PAD vectors of vectors/conv_vectors.json
// (written by vectors/make_conv_vectors.py from the fact sheets, not from the engine), and
// builders that turn one case into a SingleOpGraph.
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

#include "single_op_graph.h"

namespace tr::test {

// The parsed file, loaded once.
const nlohmann::json& conv_vectors();

std::vector<int8_t> int8_values(const nlohmann::json& values);

// CONV_2D (depthwise = false) or DEPTHWISE_CONV_2D operator of one "conv"/"depthwise" case.
void build_conv_case(SingleOpGraph& g, const nlohmann::json& c, bool depthwise);

// Conv2DOptions / DepthwiseConv2DOptions with the fields of a case (tflite-format.md §2.2).
workloads::FbObject conv_options(const nlohmann::json& c, bool depthwise);

}  // namespace tr::test
