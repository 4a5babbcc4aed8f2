// The runner firmware on an emulated board, driven over its console socket: the MLPerf Tiny
// protocol byte for byte, tinyrack's tr-* commands, and bad input that must leave the loop
// answering.
#include <catch2/catch.hpp>
#include <chrono>
#include <string>
#include <vector>

#include "common/crc32.h"
#include "debug/elf_image.h"
#include "runner/runner_commands.h"
#include "session/emulated_board.h"
#include "support/rack_fixture.h"
#include "support/test_paths.h"

using namespace tr;
using Lines = std::vector<std::string>;
namespace asio = boost::asio;

namespace {

constexpr std::chrono::milliseconds kWait{10000};

harness::EmulatedBoardFiles files_in(const std::filesystem::path& dir) {
  return {dir / "console.txt", dir / "qemu-stderr.txt", dir / "qemu-command.txt"};
}

asio::awaitable<Lines> say(harness::RunnerClient& r, std::string cmd) {
  co_return (co_await r.command(std::move(cmd), kWait, /*allow_error=*/true)).lines;
}

// A local char array in a coroutine frame trips GCC 12 ("array used as initializer").
std::string hex32(uint32_t v) {
  char buf[9];
  std::snprintf(buf, sizeof buf, "%08x", v);
  return buf;
}

// Sends `cmd` and checks the reply lines exactly.
asio::awaitable<void> expect(harness::RunnerClient& r, std::string cmd, Lines want) {
  Lines got = co_await say(r, cmd);
  INFO("command: " << cmd);
  CHECK(got == want);
}

// Commands and the exact lines they must get. Built outside the coroutine: GCC 12 cannot keep
// an initializer_list's array in a coroutine frame ("array used as initializer").
struct Exchange {
  std::string cmd;
  Lines want;
};

std::vector<Exchange> mlperf_script(const config::BoardSpec& spec) {
  const std::string max = std::to_string(spec.target.firmware.input_slot_bytes);
  return {
      {"name", {"m-name-dut-[tinyrack]"}},
      {"profile", {"m-profile-[ULPMark for tinyML Firmware V0.0.1]", "m-model-[none]"}},
      // The MLPerf db path, including a split load and the reference's error strings.
      {"db load 10", {"m-[Expecting 10 bytes]"}},
      {"db 0102030405", {}},
      {"db 060708090a0b0c", {"m-load-done"}},
      {"db print", {"m-buffer-01-02-03-04-05-06-07-08", "m-buffer-09-0a"}},
      {"db load 0", {"e-[Command 'db load' must be >0 bytes]"}},
      {"db load 999999", {"e-[Supplied buffer size 999999 exceeds maximum of " + max + "]"}},
      {"db 0102", {"e-[Command 'db' needs an active 'db load N' first]"}},
      {"db load 2", {"m-[Expecting 2 bytes]"}},
      {"db 012", {"e-[Insufficent number of hex digits]"}},
      {"db 0g", {"e-[Invalid hex digit '0g']"}},
      {"db 0x12", {"e-[Invalid hex digit '0x']"}},
      {"infer 1 0", {"e-[No model loaded: send tr-model first]"}},
      {"infer 0 0", {"e-[Inference iterations must be >0]"}},
      {"results", {"e-[No results: run infer first]"}},
      {"frobnicate now", {"e-[Unknown command: frobnicate]"}},
      {std::string(100, 'a'), {"e-[Command too long: at most 79 characters before '%']"}},
  };
}

std::vector<Exchange> after_bad_model_script(uint32_t model_capacity) {
  return {
      {"profile", {"m-profile-[ULPMark for tinyML Firmware V0.0.1]", "m-model-[none]"}},
      {"tr-model 99999999 00000000",
       {"e-[Model of 99999999 bytes exceeds the model slot of " + std::to_string(model_capacity) +
        " bytes]"}},
      // After all of that the loop still answers.
      {"name", {"m-name-dut-[tinyrack]"}},
  };
}

asio::awaitable<void> protocol_session(const config::BoardSpec& spec,
                                       const std::filesystem::path& dir) {
  harness::EmulatedBoard board(spec, "qemu-system-arm", files_in(dir));
  auto image = probe::ElfImage::load(test::firmware_dir() / spec.target.name / "runner.elf");
  harness::RunnerReply banner = co_await board.start(image, {});
  REQUIRE(banner.lines.size() == 3);
  CHECK(banner.lines[0] == std::string("m-timestamp-mode-performance"));
  CHECK(harness::parse_lap_us(banner.lines[1]).has_value());
  CHECK(banner.lines[2] == std::string("m-init-done"));

  auto& r = board.runner();
  for (const Exchange& x : mlperf_script(spec)) co_await expect(r, x.cmd, x.want);
  Lines stamp = co_await say(r, "timestamp");
  REQUIRE(stamp.size() == 1);
  CHECK(harness::parse_lap_us(stamp[0]).has_value());
  Lines help = co_await say(r, "help");
  CHECK(help.size() >= 8);

  // tinyrack's commands: identity and slots, a model refused for its CRC and for its size.
  Lines id = co_await say(r, "tr-id");
  CHECK(id.at(1) == "m-tr-target-[" + spec.target.name + "]");
  harness::RunnerSlots slots = co_await harness::query_slots(r, kWait);
  CHECK(slots.model_capacity == spec.target.firmware.model_slot_bytes);
  CHECK(slots.input_capacity == spec.target.firmware.input_slot_bytes);
  std::vector<uint8_t> junk(64, 0xAB);
  co_await board.write_memory(slots.model_address, junk);
  uint32_t crc = tr::crc32(junk.data(), junk.size());
  Lines bad_crc = co_await say(r, "tr-model 64 00000000");
  REQUIRE(bad_crc.size() == 1);
  CHECK(bad_crc[0].rfind("e-[Model slot CRC ", 0) == 0);
  Lines not_a_model = co_await say(r, "tr-model 64 " + hex32(crc));
  REQUIRE(not_a_model.size() == 1);
  CHECK(not_a_model[0].rfind("e-[", 0) == 0);
  CHECK(not_a_model[0].size() > 8);
  for (const Exchange& x : after_bad_model_script(slots.model_capacity)) {
    co_await expect(r, x.cmd, x.want);
  }
  co_await board.shutdown();
}

}  // namespace

TEST_CASE("the runner on every emulated board speaks the protocol byte-exactly",
          "[integration][protocol]") {
  auto rack = test::emulated_rack();
  for (const auto& board : rack.boards) {
    SECTION(board.name) {
      auto dir = test::scratch_dir(("protocol-" + board.name).c_str());
      test::run_sync(protocol_session(board, dir));
    }
  }
}
