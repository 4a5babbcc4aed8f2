// `tr-input LEN CRC mfcc`: the input slot holds one clip of int16 little-endian audio, and the
// engine's MFCC front end turns it into the model's int8 input tensor on the device, timed with
// the board timer. The features then replace the audio as the loaded input (at the start of the
// slot), so `infer` copies them into the model before every invoke like any other input.
#include <cstring>

#include "engine/frontend/mfcc.h"
#include "protocol/command_context.h"
#include "protocol/tensor_text.h"

namespace tr::fw {
namespace {

using engine::frontend::MfccConfig;

uint32_t audio_bytes(const MfccConfig& c) {
  return c.num_samples * uint32_t{sizeof(int16_t)};
}

// The model's input scale is a float32 from the .tflite file, the front end's a float32 constant
// of the same value: allow float rounding only.
bool same_scale(float a, float b) {
  const float d = a > b ? a - b : b - a;
  return d <= 1e-6f * b;
}

// The model input must be the front end's feature map: int8, frames x coefficients values (any
// shape, e.g. [1,49,10] or [1,49,10,1]), quantized as the front end quantizes.
bool check_model_input(CommandContext& ctx, const MfccConfig& c) {
  if (!ctx.state.model_ready || !ctx.engine.loaded()) {
    ctx.out.error("No model loaded: send tr-model first");
    return false;
  }
  const engine::TensorView in = ctx.engine.input();
  const size_t values = engine::frontend::mfcc_output_size(c);
  if (in.type != engine::TensorType::int8 || in.bytes != values || in.data == nullptr) {
    ctx.out.put("e-[MFCC front end makes ").put_uint(values).put(" int8 values (");
    ctx.out.put_uint(engine::frontend::mfcc_num_frames(c)).put_char('x');
    ctx.out.put_uint(c.num_coefficients).put("); the model input is ");
    put_tensor_info(ctx.out, in);
    ctx.out.put("]");
    ctx.out.end_line();
    return false;
  }
  if (!same_scale(in.scale, c.input_scale) || in.zero_point != c.input_zero_point) {
    ctx.out.put("e-[MFCC front end quantizes with scale ").put_fixed(c.input_scale, 6);
    ctx.out.put(", zero point ").put_int(c.input_zero_point);
    ctx.out.put("; the model input has scale ").put_fixed(in.scale, 6);
    ctx.out.put(", zero point ").put_int(in.zero_point).put("]");
    ctx.out.end_line();
    return false;
  }
  return true;
}

}  // namespace

bool check_mfcc_input(CommandContext& ctx) {
  if (ctx.mfcc == nullptr) {
    ctx.out.error("This runner has no MFCC front end: send the model's input tensor instead");
    return false;
  }
  const MfccConfig& c = ctx.mfcc->config();
  if (ctx.input_slot.capacity < audio_bytes(c)) {
    ctx.out.put("e-[MFCC front end needs an input slot of ").put_uint(audio_bytes(c));
    ctx.out.put(" bytes for ").put_uint(c.num_samples).put(" int16 samples; this one has ");
    ctx.out.put_uint(ctx.input_slot.capacity).put(" bytes]");
    ctx.out.end_line();
    return false;
  }
  return check_model_input(ctx, c);
}

bool run_mfcc_input(CommandContext& ctx, uint32_t len) {
  engine::frontend::MfccWorkspace& ws = *ctx.mfcc;
  const MfccConfig& c = ws.config();
  if (len != audio_bytes(c)) {
    ctx.out.put("e-[MFCC front end needs ").put_uint(audio_bytes(c)).put(" bytes (");
    ctx.out.put_uint(c.num_samples).put(" int16 little-endian samples), got ").put_uint(len);
    ctx.out.put("]");
    ctx.out.end_line();
    return false;
  }
  // Slots are 16-byte aligned in every port; a host test rig could still pass an odd address.
  if ((reinterpret_cast<uintptr_t>(ctx.input_slot.data) & 1u) != 0) {
    ctx.out.error("MFCC front end needs a 2-byte aligned input slot");
    return false;
  }
  // Every supported core is little-endian, so the slot's bytes are the samples as they are.
  const auto* audio = reinterpret_cast<const int16_t*>(ctx.input_slot.data);
  const engine::TensorView in = ctx.engine.input();
  auto* features = reinterpret_cast<int8_t*>(in.data);
  ErrorText err;
  const uint64_t a = ctx.clock.ticks();
  const Status s = engine::frontend::mfcc_int8(audio, c.num_samples, ws, features, in.bytes, err);
  const uint64_t b = ctx.clock.ticks();
  if (s != Status::ok) {
    if (!err.empty()) {
      ctx.out.error(err.c_str());
    } else {
      ctx.out.put("e-[MFCC front end failed: ").put(status_name(s)).put("]");
      ctx.out.end_line();
    }
    return false;
  }
  std::memcpy(ctx.input_slot.data, features, in.bytes);
  ctx.state.input_fill = in.bytes;
  ctx.out.value("input", "ok");
  ctx.out.value("frontend_ticks", b - a);
  return true;
}

}  // namespace tr::fw
