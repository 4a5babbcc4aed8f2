// The runner as a standard-only DUT (a vendor's MLPerf Tiny firmware): built-in model, no tr-
// commands, `db` input and results as the reference firmware of the model id has them.
#include "protocol/standard_dut.h"

#include <catch2/catch.hpp>
#include <cstring>
#include <string>
#include <vector>

#include "runner_rig.h"

using tr::Status;
using tr::fw::test::lines;
using tr::fw::test::RunnerRig;
using tr::fw::test::to_hex;
namespace engine = tr::engine;

namespace {

const std::vector<uint8_t> kModel = {0x1c, 0, 0, 0, 'T', 'F', 'L', '3'};

std::vector<uint8_t> floats_le(std::initializer_list<float> values) {
  std::vector<uint8_t> out;
  for (float v : values) {
    uint8_t b[4];
    std::memcpy(b, &v, 4);  // the host running the tests is little-endian, like the boards
    out.insert(out.end(), b, b + 4);
  }
  return out;
}

// A rig whose runner plays a standard-only DUT for `id`, booted, banner discarded.
struct StandardRig {
  explicit StandardRig(const char* id, Status load = Status::ok)
      : dut(tr::fw::standard_dut_for(id)) {
    rig.engine.set_input(engine::TensorType::int8, {1, 4}, 0.5f, 3);
    rig.engine.set_output(engine::TensorType::int8, {1, 4}, 0.25f, 0);
    rig.engine.load_status = load;
    tr::ErrorText err;
    status = rig.runner().use_builtin_model(kModel.data(), 8, dut, err);
    rig.boot();
  }
  RunnerRig rig{tr::fw::test::RigOptions{.boot = false}};
  tr::fw::StandardDut dut;
  Status status = Status::ok;
};

}  // namespace

TEST_CASE("a standard-only DUT knows no tr- commands and names its built-in model",
          "[protocol][standard]") {
  StandardRig s("ad01");
  REQUIRE(s.status == Status::ok);
  CHECK(s.rig.engine.loaded_model == kModel);
  CHECK(s.rig.send("tr-id%") == lines({"e-[Unknown command: tr-id]", "m-ready"}));
  CHECK(s.rig.send("tr-model 8 0%") == lines({"e-[Unknown command: tr-model]", "m-ready"}));
  CHECK(s.rig.send("tr-slots%") == lines({"e-[Unknown command: tr-slots]", "m-ready"}));
  CHECK(s.rig.send("profile%") ==
        lines({"m-profile-[ULPMark for tinyML Firmware V0.0.1]", "m-model-[ad01]", "m-ready"}));
  std::string help = s.rig.send("help%");
  CHECK(help.find("infer N W") != std::string::npos);
  CHECK(help.find("tr-") == std::string::npos);
}

TEST_CASE("ad01: db carries float32, the DUT quantizes and prints the reconstruction MSE",
          "[protocol][standard]") {
  StandardRig s("ad01");
  // Input scale 0.5, zero point 3: 1.0 -> 5, -0.5 -> 2, 2.26 -> 8 (4.52 rounds to 5), 10 -> 23.
  auto db = floats_le({1.0f, -0.5f, 2.26f, 10.0f});
  CHECK(s.rig.send("db load 16%") == lines({"m-[Expecting 16 bytes]", "m-ready"}));
  CHECK(s.rig.send("db " + to_hex(db) + "%") == lines({"m-load-done", "m-ready"}));
  // Output scale 0.25: 1.0, 0, 2.0, 0 -> squared errors 0, 0.25, 0.0676, 100 -> mean 25.0794.
  s.rig.engine.output_bytes() = {4, 0, 8, 0};
  s.rig.engine.ticks_per_invoke = 25000;
  std::string reply = s.rig.send("infer 2 1%");
  CHECK(reply.find("m-results-[25.079]\r\nm-ready\r\n") != std::string::npos);
  CHECK(s.rig.engine.first_input == std::vector<uint8_t>{5, 2, 8, 23});
  CHECK(s.rig.send("results%") == lines({"m-results-[25.079]", "m-ready"}));
}

TEST_CASE("ad01: the DUT clamps and wants four bytes per input element", "[protocol][standard]") {
  StandardRig s("ad01");
  auto db = floats_le({1000.0f, -1000.0f, 0.0f, 0.24f});
  s.rig.send("db load 8%");
  s.rig.send("db " + to_hex(std::vector<uint8_t>(db.begin(), db.begin() + 8)) + "%");
  CHECK(s.rig.send("infer 1 0%") ==
        lines({"e-[Input has 8 bytes loaded but the model input needs 16 bytes]", "m-ready"}));
  s.rig.send("db load 16%");
  s.rig.send("db " + to_hex(db) + "%");
  REQUIRE(s.rig.send("infer 1 0%").find("m-infer-done") != std::string::npos);
  // 0.24 / 0.5 = 0.48 rounds to 0 -> the zero point.
  CHECK(s.rig.engine.first_input == std::vector<uint8_t>{127, 0x80, 3, 3});
}

TEST_CASE("vww01 and ic01: db carries uint8 pixels, the DUT subtracts 128",
          "[protocol][standard]") {
  for (const char* id : {"vww01", "ic01"}) {
    StandardRig s(id);
    s.rig.send("db load 4%");
    s.rig.send("db 0080ff01%");
    s.rig.engine.output_bytes() = {4, 0, 8, 0};
    std::string reply = s.rig.send("infer 1 0%");
    CHECK(reply.find("m-results-[1.000,0.000,2.000,0.000]") != std::string::npos);
    CHECK(s.rig.engine.first_input == std::vector<uint8_t>{0x80, 0x00, 0x7f, 0x81});
  }
}

TEST_CASE("kws01: db carries the int8 tensor as is", "[protocol][standard]") {
  StandardRig s("kws01");
  s.rig.send("db load 4%");
  s.rig.send("db 0080ff01%");
  REQUIRE(s.rig.send("infer 1 0%").find("m-infer-done") != std::string::npos);
  CHECK(s.rig.engine.first_input == std::vector<uint8_t>{0x00, 0x80, 0xff, 0x01});
}

TEST_CASE("a built-in model the engine refuses leaves infer with a clear error",
          "[protocol][standard]") {
  StandardRig s("ad01", Status::unsupported);
  CHECK(s.status == Status::unsupported);
  CHECK(s.rig.send("infer 1 0%") ==
        lines({"e-[No model loaded: the built-in model failed to load]", "m-ready"}));
  CHECK(s.rig.send("profile%").find("m-model-[ad01]") != std::string::npos);
}
