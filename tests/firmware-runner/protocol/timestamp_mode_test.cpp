// Energy mode: `tr-timestamp-mode`, pulses instead of lap lines, and the hold measured on the
// runner's own clock.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "runner_rig.h"

using tr::fw::test::FakeClock;
using tr::fw::test::lines;
using tr::fw::test::RunnerRig;
using tr::fw::test::to_hex;

namespace {

// Records every level written, with the fake clock's time at the write.
class FakePin : public tr::fw::TimestampPin {
 public:
  explicit FakePin(FakeClock& clock) : clock_(clock) {}
  void set(bool high) override { writes.push_back({high, clock_.now}); }

  struct Write {
    bool high;
    uint64_t at;
  };
  std::vector<Write> writes;

 private:
  FakeClock& clock_;
};

const std::vector<uint8_t> kModel = {0x1c, 0, 0, 0, 'T', 'F', 'L', '3'};
const std::vector<uint8_t> kInput = {1, 2, 3, 4, 250, 251, 252, 253};

// Every read of the fake clock costs a tick, so the hold loop advances time.
void wire_pin(RunnerRig& rig, FakePin& pin, uint32_t hold_us = 50) {
  rig.clock.read_cost = 1;
  rig.runner().use_timestamp_pin(pin, hold_us);
}

// Ticks from the falling write to the rising one of one energy-mode `timestamp`, on a fresh
// runner whose clock runs at `rate_hz` with a hold of `hold_us`.
uint64_t pulse_ticks(uint32_t hold_us, uint32_t rate_hz) {
  RunnerRig rig;
  FakePin pin(rig.clock);
  wire_pin(rig, pin, hold_us);
  rig.clock.rate = rate_hz;
  rig.send("tr-timestamp-mode energy%");
  pin.writes.clear();
  rig.send("timestamp%");
  REQUIRE(pin.writes.size() == 2);
  return pin.writes[1].at - pin.writes[0].at;
}

void prepare_infer(RunnerRig& rig) {
  REQUIRE(rig.load_model(kModel, "kws01").rfind("m-tr-model-[ok]\r\n", 0) == 0);
  REQUIRE(rig.send("db load 8%") == lines({"m-[Expecting 8 bytes]", "m-ready"}));
  REQUIRE(rig.send("db " + to_hex(kInput) + "%") == lines({"m-load-done", "m-ready"}));
  rig.engine.output_bytes() = {0x80, 0x00, 0x7f, 0xc0};
  rig.engine.ticks_per_invoke = 25000;  // 1 ms at 25 MHz
}

}  // namespace

TEST_CASE("switching to energy mode parks the pin high", "[protocol][energy]") {
  RunnerRig rig;
  FakePin pin(rig.clock);
  wire_pin(rig, pin);
  CHECK(rig.send("tr-timestamp-mode energy%") == lines({"m-timestamp-mode-energy", "m-ready"}));
  REQUIRE(pin.writes.size() == 1);
  CHECK(pin.writes[0].high);
}

TEST_CASE("energy-mode timestamp prints nothing and pulses low for the hold",
          "[protocol][energy]") {
  RunnerRig rig;
  FakePin pin(rig.clock);
  wire_pin(rig, pin);
  rig.send("tr-timestamp-mode energy%");
  pin.writes.clear();
  CHECK(rig.send("timestamp%") == lines({"m-ready"}));
  REQUIRE(pin.writes.size() == 2);
  CHECK_FALSE(pin.writes[0].high);
  CHECK(pin.writes[1].high);
  // 50 µs at 25 MHz = 1250 ticks, measured from the falling write to the rising one.
  CHECK(pin.writes[1].at - pin.writes[0].at >= 1250);
  CHECK(pin.writes[1].at - pin.writes[0].at < 1260);  // a busy-wait, not an open-ended spin
}

TEST_CASE("the hold follows the configured time and the clock rate", "[protocol][energy]") {
  CHECK(pulse_ticks(200, 32000000) >= 6400);  // 200 µs at 32 MHz
  // A slow clock: 1 µs at 32768 Hz is a fraction of a tick, rounded up rather than to zero.
  CHECK(pulse_ticks(1, 32768) >= 1);
}

TEST_CASE("energy-mode infer pulses around the timed invokes instead of printing laps",
          "[protocol][energy]") {
  RunnerRig rig;
  FakePin pin(rig.clock);
  wire_pin(rig, pin);
  prepare_infer(rig);
  rig.send("tr-timestamp-mode energy%");
  pin.writes.clear();
  CHECK(rig.send("infer 3 2%") ==
        lines({"m-warmup-start-2", "m-warmup-done", "m-infer-start-3", "m-infer-done",
               "m-results-[0.000,0.500,0.996,0.250]", "m-ready"}));
  REQUIRE(pin.writes.size() == 4);
  CHECK_FALSE(pin.writes[0].high);
  CHECK(pin.writes[1].high);
  CHECK_FALSE(pin.writes[2].high);
  CHECK(pin.writes[3].high);
  // The two falling edges bracket the three timed invokes (3 ms), not the warm-ups.
  const uint64_t window = pin.writes[2].at - pin.writes[0].at;
  CHECK(window >= 3 * 25000u + 1250u);
  CHECK(window < 4 * 25000u);
  // tr-laps still reports the raw ticks of the window.
  CHECK(rig.send("tr-laps%").rfind("m-tr-laps-[", 0) == 0);
}

TEST_CASE("performance mode is unchanged and drives no pin", "[protocol][energy]") {
  RunnerRig rig;
  FakePin pin(rig.clock);
  rig.runner().use_timestamp_pin(pin, 50);
  prepare_infer(rig);
  rig.clock.now = 25000;
  rig.send("tr-timestamp-mode energy%");
  CHECK(rig.send("tr-timestamp-mode performance%") ==
        lines({"m-timestamp-mode-performance", "m-ready"}));
  pin.writes.clear();
  CHECK(rig.send("infer 1 0%") ==
        lines({"m-warmup-start-0", "m-warmup-done", "m-infer-start-1", "m-lap-us-1000",
               "m-lap-us-2000", "m-infer-done", "m-results-[0.000,0.500,0.996,0.250]", "m-ready"}));
  CHECK(rig.send("timestamp%") == lines({"m-lap-us-2000", "m-ready"}));
  CHECK(pin.writes.empty());
}

TEST_CASE("tr-timestamp-mode errors name what was wrong", "[protocol][energy]") {
  RunnerRig rig;
  CHECK(
      rig.send("tr-timestamp-mode%") ==
      lines({"e-[Command 'tr-timestamp-mode' requires a mode: energy or performance]", "m-ready"}));
  CHECK(rig.send("tr-timestamp-mode turbo%") ==
        lines({"e-[Unknown timestamp mode 'turbo': use energy or performance]", "m-ready"}));
  CHECK(rig.send("tr-timestamp-mode energy now%") ==
        lines({"e-[Command 'tr-timestamp-mode' takes at most 1 argument]", "m-ready"}));
  // No pin wired: energy mode is refused and timestamps stay lap lines.
  CHECK(rig.send("tr-timestamp-mode energy%") ==
        lines({"e-[Energy mode needs a timestamp pin and this board has none]", "m-ready"}));
  CHECK(rig.send("timestamp%").rfind("m-lap-us-", 0) == 0);
  // Performance is always available.
  CHECK(rig.send("tr-timestamp-mode performance%") ==
        lines({"m-timestamp-mode-performance", "m-ready"}));
}

TEST_CASE("help lists tr-timestamp-mode", "[protocol][energy]") {
  RunnerRig rig;
  CHECK(rig.send("help%").find("tr-timestamp-mode") != std::string::npos);
}
