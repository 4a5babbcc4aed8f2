// Raw audio on the emulated boards: each board's MFCC front end (`tr-input LEN CRC mfcc`) must
// make exactly the host front end's features, so the keyword model's output is bit-identical
// to the host engine's on them (workloads/keyword/workload-audio.json); and audio of the wrong
// length gets the runner's clear error and leaves nothing loaded.
#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "common/crc32.h"
#include "config/workload_spec.h"
#include "dataset/audio_frontend.h"
#include "debug/elf_image.h"
#include "run/prepared_workload.h"
#include "run/rack_run.h"
#include "run/report_builder.h"
#include "runner/runner_commands.h"
#include "session/emulated_board.h"
#include "support/rack_fixture.h"
#include "support/test_paths.h"

using namespace tr;
namespace asio = boost::asio;
namespace fs = std::filesystem;
using Bytes = std::vector<uint8_t>;

namespace {

constexpr std::chrono::milliseconds kWait{20000};
constexpr size_t kSamples = 16000;
constexpr double kTwoPi = 6.283185307179586;

fs::path keyword_dir() {
  return test::source_dir() / "workloads" / "keyword";
}

Bytes to_le_bytes(const std::vector<double>& samples) {
  Bytes out;
  for (double v : samples) {
    const double c = std::fmax(-32768.0, std::fmin(32767.0, std::round(v)));
    const auto u = static_cast<uint16_t>(static_cast<int16_t>(c));
    out.push_back(static_cast<uint8_t>(u & 0xff));
    out.push_back(static_cast<uint8_t>(u >> 8));
  }
  return out;
}

// Clips covering the front end's cases: a vowel-like harmonic stack with a gliding pitch, a
// chirp, white noise, digital silence, a clip whose negative peak is the largest (MLPerf
// divides by the signed maximum), and a quiet burst in the middle of nothing.
std::vector<Bytes> synthesized_clips() {
  std::vector<std::vector<double>> clips(6, std::vector<double>(kSamples, 0.0));
  uint32_t lcg = 2024;
  auto noise = [&lcg] {
    lcg = lcg * 1664525u + 1013904223u;
    return static_cast<double>(lcg >> 16) / 32768.0 - 1.0;
  };
  for (size_t i = 0; i < kSamples; ++i) {
    const double t = static_cast<double>(i) / 16000.0;
    const double f0 = 120.0 + 60.0 * t;
    for (int h = 1; h <= 12; ++h) {
      clips[0][i] += 3000.0 / h * std::sin(kTwoPi * f0 * h * t) * std::sin(3.14159 * t);
    }
    clips[1][i] = 20000.0 * std::sin(kTwoPi * (50.0 + 3500.0 * t) * t);
    clips[2][i] = 8000.0 * noise();
    clips[4][i] = -25000.0 * std::exp(-40.0 * t) * std::sin(kTwoPi * 700.0 * t) - 3000.0;
    if (i > 7000 && i < 8000) clips[5][i] = 40.0 * noise();
  }
  std::vector<Bytes> out;
  for (const auto& c : clips) out.push_back(to_le_bytes(c));
  return out;
}

// An MLPerf-layout folder of the clips (labels 0..N-1 of the 12 keyword classes).
fs::path write_audio_dataset(const std::vector<Bytes>& clips) {
  const fs::path dir = test::scratch_dir("raw-audio-dataset");
  std::ofstream labels(dir / "y_labels.csv");
  for (size_t k = 0; k < clips.size(); ++k) {
    const std::string name = "clip_" + std::to_string(k) + ".bin";
    std::ofstream(dir / name, std::ios::binary)
        .write(reinterpret_cast<const char*>(clips[k].data()),
               static_cast<std::streamsize>(clips[k].size()));
    labels << name << ",12," << k << "\n";
  }
  return dir;
}

asio::awaitable<std::vector<std::string>> say(harness::RunnerClient& r, std::string cmd) {
  co_return (co_await r.command(std::move(cmd), kWait, /*allow_error=*/true)).lines;
}

std::string hex32(uint32_t v) {
  char buf[9];
  std::snprintf(buf, sizeof buf, "%08x", v);
  return buf;
}

// `db print` lines (m-buffer-01-02-...) back into bytes.
Bytes buffer_bytes(const std::vector<std::string>& lines) {
  Bytes out;
  for (const std::string& line : lines) {
    for (size_t at = line.find('-', 2); at != std::string::npos; at = line.find('-', at + 1)) {
      out.push_back(static_cast<uint8_t>(std::stoul(line.substr(at + 1, 2), nullptr, 16)));
    }
  }
  return out;
}

// Built outside the coroutine: GCC 12 cannot keep a braced initializer's array in a coroutine
// frame ("array used as initializer").
harness::EmulatedBoardFiles files_in(const fs::path& dir) {
  return {dir / "console.txt", dir / "qemu-stderr.txt", dir / "qemu-command.txt"};
}

struct SessionInput {
  Bytes model;
  std::vector<Bytes> clips;
  std::vector<Bytes> features;  // the host front end's, one per clip
};

// Where the board's features differ from the host's: "value 17: board 80, host 81; ...".
std::string feature_diff(const Bytes& board, const Bytes& host) {
  if (board.size() != host.size()) {
    return std::to_string(board.size()) + " values from the board, " + std::to_string(host.size()) +
           " from the host";
  }
  std::string out;
  for (size_t i = 0; i < board.size(); ++i) {
    if (board[i] == host[i]) continue;
    out += "value " + std::to_string(i) + ": board " + std::to_string(int8_t(board[i])) +
           ", host " + std::to_string(int8_t(host[i])) + "; ";
  }
  return out;
}

asio::awaitable<void> frontend_session(const config::BoardSpec& spec, const fs::path& dir,
                                       const SessionInput& in) {
  harness::EmulatedBoard board(spec, "qemu-system-arm", files_in(dir));
  auto image = probe::ElfImage::load(test::firmware_dir() / spec.target.name / "runner.elf");
  co_await board.start(image, {});
  auto& r = board.runner();
  const harness::RunnerSlots slots = co_await harness::query_slots(r, kWait);
  co_await board.write_memory(slots.model_address, in.model);
  co_await harness::use_model(r, static_cast<uint32_t>(in.model.size()),
                              tr::crc32(in.model.data(), in.model.size()), "kws", kWait);

  for (size_t k = 0; k < in.clips.size(); ++k) {
    const Bytes& audio = in.clips[k];
    co_await board.write_memory(slots.input_address, audio);
    const std::string crc = hex32(tr::crc32(audio.data(), audio.size()));
    const auto ok = co_await say(r, "tr-input 32000 " + crc + " mfcc");
    REQUIRE(ok.size() == 2);
    CHECK(ok[0] == "m-tr-input-[ok]");
    CHECK(ok[1].rfind("m-tr-frontend_ticks-[", 0) == 0);
    // The features replaced the audio as the loaded input: db print shows them.
    const Bytes features = buffer_bytes(co_await say(r, "db print"));
    INFO(spec.name << " clip " << k << ": " << feature_diff(features, in.features[k]));
    CHECK(features == in.features[k]);
  }
  const auto infer = co_await say(r, "infer 1 0");
  CHECK(std::find(infer.begin(), infer.end(), "m-infer-done") != infer.end());

  // One sample short: refused, and nothing stays loaded.
  const Bytes shorter(in.clips[0].begin(), in.clips[0].end() - 2);
  co_await board.write_memory(slots.input_address, shorter);
  const auto refused = co_await say(
      r, "tr-input 31998 " + hex32(tr::crc32(shorter.data(), shorter.size())) + " mfcc");
  REQUIRE(refused.size() == 1);
  CHECK(refused[0] ==
        "e-[MFCC front end needs 32000 bytes (16000 int16 little-endian samples), got 31998]");
  const auto not_loaded = co_await say(r, "infer 1 0");
  REQUIRE(not_loaded.size() == 1);
  CHECK(not_loaded[0] == "e-[Input has 0 bytes loaded but the model input needs 490 bytes]");
  const auto name = co_await say(r, "name");
  REQUIRE(name.size() == 1);
  CHECK(name[0] == "m-name-dut-[tinyrack]");
  co_await board.shutdown();
}

}  // namespace

TEST_CASE("every board's MFCC front end feeds the keyword model bit-exactly",
          "[integration][frontend]") {
  const auto clips = synthesized_clips();
  const auto spec = config::load_workload(keyword_dir() / "workload-audio.json");
  REQUIRE(spec.frontend == config::InputFrontend::mfcc);
  harness::PrepareOptions prep;
  prep.dataset_dir = write_audio_dataset(clips);
  const auto workload = harness::prepare_workload(spec, test::source_dir(), prep);
  REQUIRE(workload.inputs.size() == clips.size());
  dataset::AudioFrontend frontend;
  for (size_t k = 0; k < clips.size(); ++k) {
    CHECK(workload.inputs[k].frontend_input == clips[k]);
    CHECK(workload.inputs[k].bytes == frontend.features(clips[k]));
  }

  harness::RackRunOptions options;
  options.out_dir = test::scratch_dir("raw-audio-rack");
  options.firmware_dir = test::firmware_dir();
  const auto result = harness::run_rack(test::emulated_rack(), workload, options, {});
  REQUIRE(result.outcomes.size() == 3);
  const auto report = harness::build_report(test::emulated_rack(), workload, result, {});
  for (const auto& o : result.outcomes) {
    INFO(o.board << ": " << o.error);
    CHECK(o.passed);  // a board whose output differs from the host engine's fails its check
    REQUIRE(o.windows.size() == clips.size());
    for (const auto& w : o.windows) {
      INFO(w.input);
      CHECK(w.matches_host);
      CHECK(w.frontend_ticks > 0);
      CHECK(w.frontend_instructions > 10000);
    }
    // The report carries the front end's instructions beside the inference's.
    for (const auto& r : report.results) {
      if (r.board != o.board) continue;
      REQUIRE(r.frontend_instructions);
      CHECK(r.frontend_instructions->n == clips.size());
      CHECK(r.frontend_instructions->min > 10000);
      CHECK(r.frontend_instructions->provenance == "emulated");
    }
    std::cout << o.board << ": MFCC front end " << o.windows[0].frontend_ticks << " ticks, "
              << static_cast<uint64_t>(o.windows[0].frontend_instructions) << " instructions ("
              << o.windows[0].input << "); model "
              << static_cast<uint64_t>(o.windows[0].instructions) << " instructions\n";
  }

  // The same workload over MLPerf db lines is refused: db carries tensors, not audio.
  options.out_dir = test::scratch_dir("raw-audio-db");
  options.input_path = harness::InputPath::db;
  options.boards = {result.outcomes[0].board};
  const auto db = harness::run_rack(test::emulated_rack(), workload, options, {});
  REQUIRE(db.outcomes.size() == 1);
  CHECK_FALSE(db.outcomes[0].passed);
  CHECK_THAT(db.outcomes[0].error,
             Catch::Matchers::Contains("needs the probe input path, not --input-path db"));
}

TEST_CASE("tr-input mfcc on every board: host-identical features, wrong length refused",
          "[integration][frontend]") {
  SessionInput in;
  in.model = harness::read_file_bytes(keyword_dir() / "model.tflite");
  in.clips = synthesized_clips();
  dataset::AudioFrontend frontend;
  for (const Bytes& clip : in.clips) in.features.push_back(frontend.features(clip));
  auto rack = test::emulated_rack();
  for (const auto& board : rack.boards) {
    SECTION(board.name) {
      test::run_sync(
          frontend_session(board, test::scratch_dir(("raw-audio-" + board.name).c_str()), in));
    }
  }
}
