#include "support/model_runner.h"

#include <catch2/catch.hpp>
#include <cstring>
#include <fstream>
#include <iterator>

namespace tr::test {

std::vector<uint8_t> read_binary(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE(in.good());
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

ModelRunner::ModelRunner(std::vector<uint8_t> model, uint32_t arena_bytes)
    : model_(std::move(model)),
      arena_(arena_bytes),
      interp_(std::make_unique<engine::Interpreter>(arena_.data(), arena_bytes)) {}

Status ModelRunner::load() {
  return interp_->load(model_.data(), static_cast<uint32_t>(model_.size()), err_);
}

std::vector<int8_t> ModelRunner::run(const std::vector<int8_t>& input) {
  engine::TensorView in = interp_->input();
  REQUIRE(in.data != nullptr);
  REQUIRE(in.bytes == input.size());
  std::memcpy(in.data, input.data(), input.size());
  const Status s = interp_->invoke(err_);
  INFO(err_.c_str());
  REQUIRE(s == Status::ok);
  engine::TensorView out = interp_->output();
  const auto* p = reinterpret_cast<const int8_t*>(out.data);
  return {p, p + out.bytes};
}

}  // namespace tr::test
