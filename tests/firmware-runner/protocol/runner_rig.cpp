#include "runner_rig.h"

#include <algorithm>
#include <cstdio>

#include "common/crc32.h"

namespace tr::fw::test {

RunnerRig::RunnerRig(RigOptions options)
    : options_(options),
      model_mem_(options.model_capacity + 2 * kGuard, kGuardByte),
      input_mem_(options.input_capacity + 2 * kGuard, kGuardByte) {
  // Default model: int8 [1,8] input, int8 [1,4] softmax-style output.
  engine.set_input(engine::TensorType::int8, {1, 8}, 0.5f, 3);
  engine.set_output(engine::TensorType::int8, {1, 4}, 1.0f / 256.0f, -128);
  Slot model{model_slot(), options.model_capacity};
  Slot input{input_slot(), options.input_capacity};
  std::fill(model_slot(), model_slot() + options.model_capacity, 0);
  std::fill(input_slot(), input_slot() + options.input_capacity, 0);
  runner_ = std::make_unique<Runner>(console, clock, engine, model, input, identity,
                                     options.stack_meter ? &stack : nullptr);
  if (options.mfcc_frontend) {
    mfcc_ = std::make_unique<engine::frontend::MfccWorkspace>();
    ErrorText err;
    if (runner_->use_mfcc_frontend(*mfcc_, err) != Status::ok) mfcc_.reset();
  }
  if (options.boot) boot();
}

std::string RunnerRig::boot() {
  runner_->boot();
  return console.take();
}

std::string RunnerRig::send(std::string_view bytes) {
  console.take();
  for (char c : bytes) runner_->feed(c);
  return console.take();
}

std::string RunnerRig::load_model(const std::vector<uint8_t>& model, const std::string& id) {
  std::copy(model.begin(), model.end(), model_slot());
  std::string cmd =
      "tr-model " + std::to_string(model.size()) + " " + hex8(crc32(model.data(), model.size()));
  if (!id.empty()) cmd += " " + id;
  return send(cmd + "%");
}

std::string RunnerRig::load_input(const std::vector<uint8_t>& input) {
  std::copy(input.begin(), input.end(), input_slot());
  return send("tr-input " + std::to_string(input.size()) + " " +
              hex8(crc32(input.data(), input.size())) + "%");
}

bool RunnerRig::guards_intact() const {
  auto intact = [](const std::vector<uint8_t>& mem) {
    for (size_t i = 0; i < kGuard; ++i) {
      if (mem[i] != kGuardByte || mem[mem.size() - 1 - i] != kGuardByte) return false;
    }
    return true;
  };
  return intact(model_mem_) && intact(input_mem_);
}

std::string lines(std::initializer_list<std::string_view> ls) {
  std::string out;
  for (std::string_view l : ls) {
    out += l;
    out += "\r\n";
  }
  return out;
}

std::string hex8(uint32_t crc) {
  char buf[9];
  std::snprintf(buf, sizeof buf, "%08x", crc);
  return buf;
}

std::string to_hex(const std::vector<uint8_t>& bytes) {
  std::string out;
  char buf[3];
  for (uint8_t b : bytes) {
    std::snprintf(buf, sizeof buf, "%02x", b);
    out += buf;
  }
  return out;
}

}  // namespace tr::fw::test
