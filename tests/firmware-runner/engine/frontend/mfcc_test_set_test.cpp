// The C++ front end on the keyword workload's whole test set: the generator renders the 1000
// test clips' audio (generate.py --test-audio, ~15 s on 2 cores), and mfcc_int8 on each clip
// must be within one quantization step of the committed .bin file, which is mfcc.py's output
// on the same audio. First the generator's own MFCC files must equal the committed ones byte
// for byte -- otherwise the audio is not the audio behind data/test (another espeak-ng or
// numpy) and the comparison would mean nothing. Label slow; skips without espeak-ng or python3.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "engine/frontend/mfcc.h"
#include "support/test_paths.h"

namespace fs = std::filesystem;

namespace tr::engine::frontend {
namespace {

constexpr size_t kFeatures = 490;
constexpr size_t kSamples = 16000;
constexpr const char* kPython = "/usr/bin/python3";

bool on_path(const std::string& program) {
  const char* path = std::getenv("PATH");
  std::stringstream dirs(path != nullptr ? path : "");
  for (std::string dir; std::getline(dirs, dir, ':');) {
    const fs::path p = fs::path(dir) / program;
    if (!dir.empty() && ::access(p.c_str(), X_OK) == 0) return true;
  }
  return false;
}

std::vector<uint8_t> read_bytes(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  INFO("reading " << file);
  REQUIRE(in.good());
  return std::vector<uint8_t>(std::istreambuf_iterator<char>(in), {});
}

std::string tail(const fs::path& file, size_t chars) {
  std::ifstream in(file);
  std::string text((std::istreambuf_iterator<char>(in)), {});
  return text.size() > chars ? text.substr(text.size() - chars) : text;
}

// File names of y_labels.csv (first column), in order.
std::vector<std::string> listed_files(const fs::path& labels) {
  std::ifstream in(labels);
  REQUIRE(in.good());
  std::vector<std::string> names;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) names.push_back(line.substr(0, line.find(',')));
  }
  return names;
}

std::vector<int16_t> samples_of(const std::vector<uint8_t>& bytes) {
  std::vector<int16_t> s(bytes.size() / 2);
  for (size_t i = 0; i < s.size(); ++i) {
    s[i] = static_cast<int16_t>(static_cast<uint16_t>(bytes[2 * i] | (bytes[2 * i + 1] << 8)));
  }
  return s;
}

}  // namespace

TEST_CASE("C++ MFCC matches the committed test set within one quantization step", "[mfcc][slow]") {
  if (!fs::exists(kPython) || !on_path("espeak-ng")) {
    WARN("skipped: the keyword generator needs /usr/bin/python3 and espeak-ng");
    return;
  }
  const fs::path committed = tr::test::source_dir() / "workloads" / "keyword" / "data" / "test";
  const fs::path generator =
      tr::test::source_dir() / "workloads" / "keyword" / "tools" / "generate.py";
  const fs::path out = tr::test::scratch_dir("mfcc-test-set");
  const fs::path log = out / "generate.log";
  const std::string cmd = std::string(kPython) + " '" + generator.string() +
                          "' --test-audio --threads 2 --out '" + out.string() + "' > '" +
                          log.string() + "' 2>&1";
  INFO("generator: " << cmd);
  const int rc = std::system(cmd.c_str());  // waits for the generator and its workers
  INFO("generator log: " << tail(log, 2000));
  REQUIRE(rc == 0);

  const auto names = listed_files(committed / "y_labels.csv");
  REQUIRE(names.size() == 1000);
  CHECK(read_bytes(out / "test-audio" / "y_labels.csv") == read_bytes(committed / "y_labels.csv"));

  auto ws = std::make_unique<MfccWorkspace>();
  ErrorText err;
  REQUIRE(ws->init({}, err) == Status::ok);
  size_t regenerated_differ = 0;
  size_t one_step = 0;
  size_t clips_with_one_step = 0;
  for (const std::string& name : names) {
    INFO("clip " << name);
    const auto expected = read_bytes(committed / name);
    REQUIRE(expected.size() == kFeatures);
    if (read_bytes(out / "test" / name) != expected) ++regenerated_differ;
    const auto audio = samples_of(read_bytes(out / "test-audio" / name));
    REQUIRE(audio.size() == kSamples);
    std::vector<int8_t> q(kFeatures);
    REQUIRE(mfcc_int8(audio.data(), audio.size(), *ws, q.data(), q.size(), err) == Status::ok);
    size_t clip_steps = 0;
    for (size_t i = 0; i < kFeatures; ++i) {
      const int want = static_cast<int8_t>(expected[i]);
      const int step = std::abs(int{q[i]} - want);
      if (step > 1) {
        FAIL("frame " << i / 10 << " coefficient " << i % 10 << ": C++ " << int{q[i]}
                      << ", committed " << want);
      }
      clip_steps += static_cast<size_t>(step);
    }
    one_step += clip_steps;
    if (clip_steps > 0) ++clips_with_one_step;
  }
  INFO(
      "the generator's MFCC files differ from the committed ones: its audio is not the audio "
      "behind data/test (espeak-ng or numpy version?)");
  CHECK(regenerated_differ == 0);
  std::cout << "mfcc_test_set: " << names.size() << " clips, " << names.size() * kFeatures
            << " values: " << one_step << " differ by one step (in " << clips_with_one_step
            << " clips), none by more\n";
  // Float rounding flips a truncation only where a value sits next to a step boundary: one
  // in 490 000 here. Over one in a thousand means the two front ends compute different things.
  CHECK(one_step * 1000 < names.size() * kFeatures);
  fs::remove_all(out / "test-audio");  // 32 MB of audio; the log and MFCC files stay
}

}  // namespace tr::engine::frontend
