#include "run/host_engine.h"

#include <cstring>
#include <string>

namespace tr::harness {

HostEngine::HostEngine(std::span<const uint8_t> model)
    : model_storage_((model.size() + 7) / 8), arena_storage_(kArenaBytes / 8) {
  std::memcpy(model_storage_.data(), model.data(), model.size());
  interp_ = std::make_unique<engine::Interpreter>(reinterpret_cast<uint8_t*>(arena_storage_.data()),
                                                  kArenaBytes);
  ErrorText err;
  Status s = interp_->load(reinterpret_cast<const uint8_t*>(model_storage_.data()),
                           static_cast<uint32_t>(model.size()), err);
  if (s != Status::ok) {
    throw ModelError(std::string("model rejected (") + status_name(s) + "): " + err.c_str());
  }
  input_ = interp_->input();
  output_ = interp_->output();
}

engine::OperatorInfo HostEngine::operator_info(uint32_t index) const {
  engine::OperatorInfo info;
  if (!interp_->operator_info(index, info)) {
    throw std::out_of_range("the model has no operator " + std::to_string(index));
  }
  return info;
}

std::vector<uint8_t> HostEngine::run(std::span<const uint8_t> input_bytes) {
  if (input_bytes.size() != input_.bytes) {
    throw ModelError("input has " + std::to_string(input_bytes.size()) +
                     " bytes; the model's input tensor needs exactly " +
                     std::to_string(input_.bytes));
  }
  std::memcpy(input_.data, input_bytes.data(), input_bytes.size());
  ErrorText err;
  Status s = interp_->invoke(err);
  if (s != Status::ok) {
    throw ModelError(std::string("inference failed (") + status_name(s) + "): " + err.c_str());
  }
  return std::vector<uint8_t>(output_.data, output_.data + output_.bytes);
}

}  // namespace tr::harness
