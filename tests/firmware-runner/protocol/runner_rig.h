// A Runner wired to fakes, with guard bytes around both slots so tests can prove that nothing
// is written outside them. send() feeds bytes and returns exactly what the runner printed.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "engine/frontend/mfcc.h"
#include "fake_model_engine.h"
#include "fake_platform.h"
#include "protocol/runner.h"

namespace tr::fw::test {

struct RigOptions {
  uint32_t model_capacity = 4096;
  uint32_t input_capacity = 64;
  bool stack_meter = true;
  bool mfcc_frontend = false;  // wire an MFCC workspace (tr-input LEN CRC mfcc)
  bool boot = true;            // print (and discard) the banner in the constructor
};

class RunnerRig {
 public:
  static constexpr size_t kGuard = 64;
  static constexpr uint8_t kGuardByte = 0xa5;

  explicit RunnerRig(RigOptions options = {});

  std::string boot();
  std::string send(std::string_view bytes);
  // Writes `model` into the model slot (as the probe would) and sends tr-model with its CRC.
  std::string load_model(const std::vector<uint8_t>& model, const std::string& id = "");
  // Writes `input` into the input slot and sends tr-input with its CRC.
  std::string load_input(const std::vector<uint8_t>& input);
  bool guards_intact() const;
  Runner& runner() { return *runner_; }

  uint8_t* model_slot() { return model_mem_.data() + kGuard; }
  uint8_t* input_slot() { return input_mem_.data() + kGuard; }
  uint32_t model_capacity() const { return options_.model_capacity; }
  uint32_t input_capacity() const { return options_.input_capacity; }

  FakeConsole console;
  FakeClock clock;
  FakeModelEngine engine{&clock};
  FakeStackMeter stack;
  Identity identity{"0.1.0", "host-test", "b1d0c0ffee"};

 private:
  RigOptions options_;
  std::vector<uint8_t> model_mem_;
  std::vector<uint8_t> input_mem_;
  std::unique_ptr<engine::frontend::MfccWorkspace> mfcc_;
  std::unique_ptr<Runner> runner_;
};

// Reply lines joined as the runner sends them: each followed by "\r\n".
std::string lines(std::initializer_list<std::string_view> ls);
// `crc` as 8 lowercase hex digits.
std::string hex8(uint32_t crc);
// Bytes as the `db` hex form (lowercase, no separators).
std::string to_hex(const std::vector<uint8_t>& bytes);

}  // namespace tr::fw::test
