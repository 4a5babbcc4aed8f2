#include "fake_model_engine.h"

#include <algorithm>

#include "protocol/tensor_text.h"

namespace tr::fw::test {

engine::TensorView FakeModelEngine::make_view(engine::TensorType type,
                                              std::initializer_list<int32_t> dims, float scale,
                                              int32_t zero_point, std::vector<uint8_t>& buf) {
  engine::TensorView v;
  v.type = type;
  v.scale = scale;
  v.zero_point = zero_point;
  uint32_t count = 1;
  for (int32_t d : dims) {
    v.dims[v.rank++] = d;
    count *= static_cast<uint32_t>(d);
  }
  v.bytes = count * tensor_element_size(type);
  buf.assign(v.bytes, 0);
  return v;
}

void FakeModelEngine::set_input(engine::TensorType type, std::initializer_list<int32_t> dims,
                                float scale, int32_t zero_point) {
  input_ = make_view(type, dims, scale, zero_point, input_buf_);
}

void FakeModelEngine::set_output(engine::TensorType type, std::initializer_list<int32_t> dims,
                                 float scale, int32_t zero_point) {
  output_ = make_view(type, dims, scale, zero_point, output_buf_);
}

Status FakeModelEngine::load(const uint8_t* data, uint32_t size, ErrorText& err) {
  ++load_calls;
  invokes = 0;
  loaded_model.assign(data, data + size);
  loaded_ = load_status == Status::ok;
  if (!loaded_) err.append(load_error.c_str());
  return load_status;
}

engine::TensorView FakeModelEngine::input() const {
  engine::TensorView v = input_;
  v.data = const_cast<uint8_t*>(input_buf_.data());
  return v;
}

engine::TensorView FakeModelEngine::output() const {
  engine::TensorView v = output_;
  v.data = const_cast<uint8_t*>(output_buf_.data());
  return v;
}

Status FakeModelEngine::invoke(ErrorText& err) {
  if (invokes == fail_invoke_at) {
    ++invokes;
    err.append(invoke_error.c_str());
    return Status::unsupported;
  }
  if (invokes == 0) first_input = input_buf_;
  if (input_buf_ != first_input) ++stale_inputs;
  if (clobber_input) std::fill(input_buf_.begin(), input_buf_.end(), uint8_t{0xee});
  ++invokes;
  if (clock_ != nullptr) clock_->advance(ticks_per_invoke);
  for (uint32_t i = 0; i < op_ticks.size(); ++i) {
    if (hooks.before != nullptr) hooks.before(hooks.ctx, i);
    if (clock_ != nullptr) clock_->advance(op_ticks[i]);
    if (hooks.after != nullptr) hooks.after(hooks.ctx, i);
  }
  return Status::ok;
}

}  // namespace tr::fw::test
