// Framing abuse: overlong commands, commands split across reads, stray CR/LF/NUL, and random
// byte storms that must never crash the loop, write outside a slot or leave it deaf.
#include <catch2/catch.hpp>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "common/crc32.h"
#include "runner_rig.h"

using tr::fw::test::hex8;
using tr::fw::test::lines;
using tr::fw::test::RunnerRig;

namespace {

const std::string kTooLong =
    lines({"e-[Command too long: at most 79 characters before '%']", "m-ready"});
const std::string kName = lines({"m-name-dut-[tinyrack]", "m-ready"});

// Every reply line ends in CRLF, has no bare CR or LF, and every reply ends with m-ready.
void check_framing(const std::string& out) {
  size_t pos = 0;
  std::string last;
  while (pos < out.size()) {
    size_t end = out.find("\r\n", pos);
    REQUIRE(end != std::string::npos);
    last = out.substr(pos, end - pos);
    REQUIRE(last.find('\r') == std::string::npos);
    REQUIRE(last.find('\n') == std::string::npos);
    pos = end + 2;
  }
  if (!out.empty()) REQUIRE(last == "m-ready");
}

}  // namespace

TEST_CASE("an overlong command is discarded whole", "[protocol][malformed]") {
  RunnerRig rig;
  CHECK(rig.send("db " + std::string(77, 'a') + "%") == kTooLong);
  CHECK(rig.send(std::string(500, 'x') + "%") == kTooLong);
  // Nothing of it leaks into the next command.
  CHECK(rig.send("name%") == kName);
  // 79 characters are still a command.
  rig.send("db load 38%");
  CHECK(rig.send("db " + std::string(76, 'a') + "%") == lines({"m-load-done", "m-ready"}));
}

TEST_CASE("a command split across feeds gets one reply", "[protocol][malformed]") {
  RunnerRig rig;
  CHECK(rig.send("na").empty());
  CHECK(rig.send("m").empty());
  CHECK(rig.send("e%pro") == kName);
  CHECK(rig.send("file%") ==
        lines({"m-profile-[ULPMark for tinyML Firmware V0.0.1]", "m-model-[none]", "m-ready"}));
}

TEST_CASE("byte-at-a-time db load", "[protocol][malformed]") {
  RunnerRig rig;
  std::string out;
  for (char c : std::string("db load 2%db a1b2%")) out += rig.send(std::string(1, c));
  CHECK(out == lines({"m-[Expecting 2 bytes]", "m-ready", "m-load-done", "m-ready"}));
}

TEST_CASE("CR, LF and NUL between commands are ignored", "[protocol][malformed]") {
  RunnerRig rig;
  std::string bytes = "name%\r\n";
  bytes += '\0';
  bytes += "\n\rname%\r\n";
  CHECK(rig.send(bytes) == kName + kName);
  // Nothing is answered for the trailing CR/LF alone.
  CHECK(rig.send("\r\n\r\n").empty());
}

TEST_CASE("control bytes inside a command are echoed escaped", "[protocol][malformed]") {
  RunnerRig rig;
  CHECK(rig.send("na\r\nme%") == lines({"e-[Unknown command: na\\x0d\\x0ame]", "m-ready"}));
  std::string nul("db load 4\0%", 11);
  CHECK(rig.send(nul) ==
        lines({"e-[Command 'db load' needs a decimal # of bytes, got '4\\x00']", "m-ready"}));
}

TEST_CASE("a random byte storm never breaks the loop", "[protocol][malformed]") {
  RunnerRig rig;
  rig.load_model({1, 2, 3, 4, 5, 6, 7, 8});
  std::mt19937 rng(20240611);
  std::uniform_int_distribution<int> byte(0, 255);
  std::string storm;
  for (int i = 0; i < 200000; ++i) {
    // Raise the share of '%' so many short commands are executed, not just overlong ones.
    storm += (i % 7 == 0) ? '%' : static_cast<char>(byte(rng));
  }
  std::string out = rig.send(storm);
  check_framing(out);
  CHECK(rig.guards_intact());
  rig.send("%");  // end whatever partial command the storm left
  CHECK(rig.send("name%") == kName);
}

TEST_CASE("a storm of command fragments never breaks the loop", "[protocol][malformed]") {
  RunnerRig rig;
  const std::vector<uint8_t> model = {1, 2, 3, 4, 5, 6, 7, 8};
  rig.load_model(model);
  // A broken tr-model unloads the model; this piece loads it again.
  std::string reload = "tr-model 8 " + hex8(tr::crc32(model.data(), model.size())) + "%";
  // Pieces of real commands with small numbers, so executed commands stay cheap.
  // clang-format off
  const std::vector<std::string> pieces = {
      "db ", "load ", "print", "infer ", "1 ", "0", "3 ", "64", "65", "9", "ff", "0a", "g",
      "%", "%", "%", "\r\n", "  ", "tr-model ", "tr-input ", "8 ", "0x1234", "tr-out",
      "tr-laps", "tr-mem", "results", "name", "profile", "timestamp", "help", "tr-id",
      "tr-slots", "-1", "kws01", std::string(1, '\0'), "\x7f\x80", "db 0102030405060708",
      // Whole commands, so loads and inferences really run between the broken ones.
      "db load 8%", "db 01020304%", "db 0506070809%", "infer 2 1%", "tr-laps%", "db print%",
      reload};
  // clang-format on
  std::mt19937 rng(7);
  std::uniform_int_distribution<size_t> pick(0, pieces.size() - 1);
  std::string storm;
  while (storm.size() < 300000) storm += pieces[pick(rng)];
  std::string out = rig.send(storm);
  check_framing(out);
  // The storm did reach real commands.
  CHECK(out.find("m-load-done") != std::string::npos);
  CHECK(out.find("m-infer-done") != std::string::npos);
  CHECK(rig.guards_intact());
  rig.send("%");
  CHECK(rig.send("name%") == kName);
}
