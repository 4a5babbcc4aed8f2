// Regenerates the test clips of vectors/mfcc_vectors.json from their integer-only recipes, the
// same arithmetic as workloads/keyword/tools/mfcc_vectors.py (see its docstring).
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <vector>

namespace tr::test {

inline constexpr size_t kClipSamples = 16000;

// A recipe is a JSON list of components (tone, chirp, noise, dc); throws on an unknown one.
std::vector<int16_t> synthesize_clip(const nlohmann::json& recipe);

// The int16 clip a vectors entry describes: its recipe, or its raw .s16 file next to the JSON.
std::vector<int16_t> clip_audio(const nlohmann::json& entry);

// vectors/mfcc_vectors.json, parsed once.
const nlohmann::json& mfcc_vectors();

}  // namespace tr::test
