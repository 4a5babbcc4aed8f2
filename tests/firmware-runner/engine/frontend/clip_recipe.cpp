#include "clip_recipe.h"

#include <algorithm>
#include <fstream>
#include <stdexcept>
#include <string>

#include "support/test_paths.h"

namespace tr::test {
namespace {

std::filesystem::path vectors_dir() {
  return source_dir() / "tests/firmware-runner/engine/frontend/vectors";
}

// Bhaskara's sine of the top 16 phase bits, scaled by amp (integer arithmetic only).
int64_t int_sine(uint32_t phase, int64_t amp) {
  const int64_t p = phase >> 16;
  const int64_t x = p & 0x7fff;
  const int64_t big_p = x * (32768 - x);
  const int64_t v = (amp * 16 * big_p) / (5 * (int64_t{1} << 30) - 4 * big_p);
  return (p & 0x8000) != 0 ? -v : v;
}

// Python's // (floor division): a falling chirp has a negative slope.
int64_t floor_div(int64_t a, int64_t b) {
  const int64_t q = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

int64_t increment(int64_t hz) {
  return floor_div(hz * (int64_t{1} << 32), 16000);
}

void add_component(const nlohmann::json& c, std::vector<int64_t>& sum) {
  const std::string type = c.at("type");
  const size_t start = c.value("start", size_t{0});
  const size_t end = c.value("end", kClipSamples);
  uint32_t phase = 0;
  uint32_t state = 0;
  if (type == "noise") state = c.at("seed").get<uint32_t>();
  for (size_t n = 0; n < kClipSamples; ++n) {
    int64_t v = 0;
    if (type == "tone") {
      v = int_sine(phase, c.at("amp").get<int64_t>());
      phase += static_cast<uint32_t>(increment(c.at("hz").get<int64_t>()));
    } else if (type == "chirp") {
      const int64_t inc0 = increment(c.at("hz0").get<int64_t>());
      const int64_t inc1 = increment(c.at("hz1").get<int64_t>());
      v = int_sine(phase, c.at("amp").get<int64_t>());
      phase +=
          static_cast<uint32_t>(inc0 + floor_div((inc1 - inc0) * static_cast<int64_t>(n), 16000));
    } else if (type == "noise") {
      state ^= state << 13;
      state ^= state >> 17;
      state ^= state << 5;
      const int64_t amp = c.at("amp").get<int64_t>();
      v = static_cast<int64_t>(state % static_cast<uint32_t>(2 * amp + 1)) - amp;
    } else if (type == "dc") {
      v = c.at("value").get<int64_t>();
    } else {
      throw std::runtime_error("clip recipe: unknown component type '" + type + "'");
    }
    if (n >= start && n < end) sum[n] += v;
  }
}

}  // namespace

std::vector<int16_t> synthesize_clip(const nlohmann::json& recipe) {
  std::vector<int64_t> sum(kClipSamples, 0);
  for (const auto& c : recipe) add_component(c, sum);
  std::vector<int16_t> out(kClipSamples);
  for (size_t i = 0; i < kClipSamples; ++i) {
    out[i] = static_cast<int16_t>(std::clamp<int64_t>(sum[i], -32768, 32767));
  }
  return out;
}

std::vector<int16_t> clip_audio(const nlohmann::json& entry) {
  if (entry.contains("recipe")) return synthesize_clip(entry.at("recipe"));
  const auto path = vectors_dir() / entry.at("file").get<std::string>();
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open " + path.string());
  std::vector<int16_t> out(kClipSamples);
  for (auto& s : out) {
    unsigned char b[2];
    if (!in.read(reinterpret_cast<char*>(b), 2)) {
      throw std::runtime_error(path.string() + " is shorter than 16000 samples");
    }
    s = static_cast<int16_t>(static_cast<uint16_t>(b[0] | (b[1] << 8)));
  }
  return out;
}

const nlohmann::json& mfcc_vectors() {
  static const nlohmann::json doc = [] {
    std::ifstream in(vectors_dir() / "mfcc_vectors.json");
    if (!in) throw std::runtime_error("cannot open mfcc_vectors.json");
    return nlohmann::json::parse(in);
  }();
  return doc;
}

}  // namespace tr::test
