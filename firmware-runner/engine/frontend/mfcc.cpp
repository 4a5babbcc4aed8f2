#include "engine/frontend/mfcc.h"

#include <cmath>

#include "engine/frontend/portable_math.h"

namespace tr::engine::frontend {
namespace {

Status check_limit(ErrorText& err, const char* field, uint32_t value, uint32_t lo, size_t hi) {
  if (value >= lo && value <= hi) return Status::ok;
  err.append("mfcc config: ").append(field).append(" = ").append_uint(value);
  err.append(" is outside [").append_uint(lo).append(", ").append_uint(hi).append("]");
  return Status::bad_argument;
}

Status validate(const MfccConfig& c, ErrorText& err) {
  Status s = check_limit(err, "fft_length", c.fft_length, 4, kMaxFftLength);
  if (s == Status::ok && (c.fft_length & (c.fft_length - 1)) != 0) {
    err.append("mfcc config: fft_length = ").append_uint(c.fft_length);
    err.append(" is not a power of two");
    s = Status::bad_argument;
  }
  if (s == Status::ok) s = check_limit(err, "frame_length", c.frame_length, 2, c.fft_length);
  if (s == Status::ok)
    s = check_limit(err, "num_samples", c.num_samples, c.frame_length, kMaxSamples);
  if (s == Status::ok) s = check_limit(err, "frame_step", c.frame_step, 1, c.num_samples);
  if (s == Status::ok) s = check_limit(err, "sample_rate", c.sample_rate, 1000, 192000);
  if (s == Status::ok) s = check_limit(err, "num_mel_bins", c.num_mel_bins, 1, kMaxMelBins);
  if (s == Status::ok) {
    s = check_limit(err, "num_coefficients", c.num_coefficients, 1,
                    c.num_mel_bins < kMaxCoefficients ? c.num_mel_bins : kMaxCoefficients);
  }
  if (s != Status::ok) return s;
  const float nyquist = 0.5f * static_cast<float>(c.sample_rate);
  if (!(c.lower_edge_hz >= 0.0f && c.lower_edge_hz < c.upper_edge_hz &&
        c.upper_edge_hz <= nyquist)) {
    err.append("mfcc config: need 0 <= lower_edge_hz < upper_edge_hz <= sample_rate / 2");
    return Status::bad_argument;
  }
  if (!(c.log_offset > 0.0f) || !(c.input_scale > 0.0f) || !std::isfinite(c.input_scale)) {
    err.append("mfcc config: log_offset and input_scale must be positive");
    return Status::bad_argument;
  }
  if (c.input_zero_point < -128 || c.input_zero_point > 127) {
    err.append("mfcc config: input_zero_point = ").append_int(c.input_zero_point);
    err.append(" is outside [-128, 127]");
    return Status::bad_argument;
  }
  return Status::ok;
}

}  // namespace

Status MfccWorkspace::init(const MfccConfig& cfg, ErrorText& err) {
  ready_ = false;
  Status s = validate(cfg, err);
  if (s != Status::ok) return s;
  cfg_ = cfg;
  fft_.init(cfg.fft_length);  // cannot fail: validate checked the length
  s = mel_.init(cfg, err);
  if (s != Status::ok) return s;
  // Tables in double, rounded to float once (as mfcc.py does), with the portable cosine: the
  // host and every board get the same bits.
  // Periodic Hann: 0.5 - 0.5 cos(2 pi n / N).
  const auto length = static_cast<double>(cfg.frame_length);
  for (size_t i = 0; i < cfg.frame_length; ++i) {
    window_[i] = static_cast<float>(0.5 - 0.5 * cos_turns(static_cast<double>(i) / length));
  }
  // HTK's DCT-II scaling: sqrt(2/N) for every coefficient, c0 included. cos(pi k (2n+1) / 2N)
  // is k (2n+1) / 4N turns. (sqrt is correctly rounded by IEEE 754 in every C library.)
  const auto bands = static_cast<double>(cfg.num_mel_bins);
  const double norm = std::sqrt(2.0 / bands);
  for (size_t k = 0; k < cfg.num_coefficients; ++k) {
    for (size_t n = 0; n < cfg.num_mel_bins; ++n) {
      const double turns = static_cast<double>(k * (2 * n + 1)) / (4.0 * bands);
      dct_[k * cfg.num_mel_bins + n] = static_cast<float>(norm * cos_turns(turns));
    }
  }
  ready_ = true;
  return Status::ok;
}

void MfccWorkspace::frame_coefficients(const int16_t* samples, float gain, float* coefficients) {
  const size_t length = cfg_.frame_length;
  for (size_t i = 0; i < length; ++i) {
    frame_[i] = static_cast<float>(samples[i]) * gain * window_[i];
  }
  for (size_t i = length; i < cfg_.fft_length; ++i) frame_[i] = 0.0f;
  fft_.magnitudes(frame_, magnitudes_);
  mel_.apply(magnitudes_, log_mel_);
  const size_t bands = cfg_.num_mel_bins;
  for (size_t m = 0; m < bands; ++m) log_mel_[m] = logf_portable(log_mel_[m] + cfg_.log_offset);
  // c_k for k >= 1 is taken of log_mel - log_mel[0] (those basis vectors sum to zero), so a
  // constant frame (zero-padded audio) gives exact zeros, not noise that truncation would turn
  // into 82 or 83. mfcc.py does the same.
  const float first = log_mel_[0];
  for (size_t k = 0; k < cfg_.num_coefficients; ++k) {
    const float* basis = dct_ + k * bands;
    const float offset = k == 0 ? 0.0f : first;
    float sum = 0.0f;
    for (size_t m = 0; m < bands; ++m) sum += basis[m] * (log_mel_[m] - offset);
    coefficients[k] = sum;
  }
}

namespace {

// Checks one clip's arguments; on success sets the peak-normalisation gain.
Status check_clip(const int16_t* audio, size_t n, const MfccWorkspace& ws, const void* out,
                  size_t out_len, float& gain, ErrorText& err) {
  if (!ws.ready()) {
    err.append("mfcc: workspace is not initialised (call MfccWorkspace::init first)");
    return Status::bad_argument;
  }
  const MfccConfig& c = ws.config();
  if (audio == nullptr || out == nullptr) {
    err.append("mfcc: null audio or output buffer");
    return Status::bad_argument;
  }
  if (n != c.num_samples) {
    err.append("mfcc: audio has ").append_uint(n).append(" samples, expected ");
    err.append_uint(c.num_samples).append(" (").append_uint(c.sample_rate).append(" Hz)");
    return Status::bad_argument;
  }
  if (out_len != mfcc_output_size(c)) {
    err.append("mfcc: output has room for ").append_uint(out_len).append(" values, expected ");
    err.append_uint(mfcc_output_size(c));
    return Status::bad_argument;
  }
  // MLPerf divides by the signed peak; a clip with no positive sample is left unscaled.
  int32_t peak = audio[0];
  for (size_t i = 1; i < n; ++i) peak = audio[i] > peak ? audio[i] : peak;
  gain = peak > 0 ? 1.0f / static_cast<float>(peak) : 1.0f;
  return Status::ok;
}

}  // namespace

Status mfcc_float(const int16_t* audio, size_t n, MfccWorkspace& ws, float* out, size_t out_len,
                  ErrorText& err) {
  float gain = 1.0f;
  const Status s = check_clip(audio, n, ws, out, out_len, gain, err);
  if (s != Status::ok) return s;
  const MfccConfig& c = ws.config();
  const uint32_t frames = mfcc_num_frames(c);
  for (uint32_t f = 0; f < frames; ++f) {
    ws.frame_coefficients(audio + static_cast<size_t>(f) * c.frame_step, gain,
                          out + static_cast<size_t>(f) * c.num_coefficients);
  }
  return Status::ok;
}

int8_t quantize_mfcc(float x, float scale, int32_t zero_point) {
  const float v = x / scale + static_cast<float>(zero_point);
  if (!(v > -128.0f)) return -128;  // also NaN
  if (v >= 127.0f) return 127;
  return static_cast<int8_t>(static_cast<int32_t>(v));  // truncation toward zero
}

Status mfcc_int8(const int16_t* audio, size_t n, MfccWorkspace& ws, int8_t* out, size_t out_len,
                 ErrorText& err) {
  float gain = 1.0f;
  const Status s = check_clip(audio, n, ws, out, out_len, gain, err);
  if (s != Status::ok) return s;
  const MfccConfig& c = ws.config();
  const uint32_t frames = mfcc_num_frames(c);
  for (uint32_t f = 0; f < frames; ++f) {
    // Frame by frame through the workspace, so no float feature map is needed.
    ws.frame_coefficients(audio + static_cast<size_t>(f) * c.frame_step, gain, ws.coefficients_);
    int8_t* row = out + static_cast<size_t>(f) * c.num_coefficients;
    for (size_t k = 0; k < c.num_coefficients; ++k) {
      row[k] = quantize_mfcc(ws.coefficients_[k], c.input_scale, c.input_zero_point);
    }
  }
  return Status::ok;
}

}  // namespace tr::engine::frontend
