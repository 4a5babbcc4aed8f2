// Fakes of the board services the Runner uses: a console that captures every byte, a clock
// the test steps by hand, a stack meter with fixed figures.
#pragma once

#include <cstdint>
#include <string>

#include "protocol/platform.h"

namespace tr::fw::test {

class FakeConsole : public Console {
 public:
  void write(const char* s, size_t n) override {
    text.append(s, n);
    ++writes;
  }
  // Returns what was written since the last take() and forgets it.
  std::string take() {
    std::string out;
    out.swap(text);
    return out;
  }

  std::string text;
  uint64_t writes = 0;
};

class FakeClock : public Clock {
 public:
  explicit FakeClock(uint32_t rate_hz = 25000000) : rate(rate_hz) {}
  // A read returns the time, then costs `read_cost` ticks (as a real timer read does).
  uint64_t ticks() override {
    const uint64_t t = now;
    now += read_cost;
    return t;
  }
  uint32_t hz() const override { return rate; }
  void advance(uint64_t t) { now += t; }

  uint64_t now = 0;
  uint64_t read_cost = 0;
  uint32_t rate;
};

class FakeStackMeter : public StackMeter {
 public:
  uint32_t stack_capacity() const override { return 16384; }
  uint32_t stack_peak() const override { return 2345; }
};

}  // namespace tr::fw::test
