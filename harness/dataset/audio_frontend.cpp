#include "dataset/audio_frontend.h"

#include <cmath>
#include <stdexcept>
#include <string>

#include "config/config_error.h"
#include "engine/frontend/mfcc.h"

namespace tr::dataset {
namespace ef = engine::frontend;

AudioFrontend::AudioFrontend() : ws_(std::make_unique<ef::MfccWorkspace>()) {
  ErrorText err;
  if (ws_->init(ef::MfccConfig{}, err) != Status::ok) {
    throw std::logic_error(std::string("MFCC front end: ") + err.c_str());
  }
}

AudioFrontend::~AudioFrontend() = default;

std::uint32_t AudioFrontend::audio_bytes() const {
  return ws_->config().num_samples * std::uint32_t{sizeof(std::int16_t)};
}

std::uint32_t AudioFrontend::feature_count() const {
  return static_cast<std::uint32_t>(ef::mfcc_output_size(ws_->config()));
}

Quantization AudioFrontend::quantization() const {
  return {ws_->config().input_scale, ws_->config().input_zero_point};
}

std::vector<std::uint8_t> AudioFrontend::features(std::span<const std::uint8_t> audio) {
  if (audio.size() != audio_bytes()) {
    throw std::invalid_argument("the mfcc front end needs " + std::to_string(audio_bytes()) +
                                " bytes of int16 audio, got " + std::to_string(audio.size()));
  }
  // Assembled from bytes: the file is little-endian whatever the host is.
  std::vector<std::int16_t> samples(audio.size() / 2);
  for (std::size_t i = 0; i < samples.size(); ++i) {
    samples[i] = static_cast<std::int16_t>(
        static_cast<std::uint16_t>(audio[2 * i] | (audio[2 * i + 1] << 8)));
  }
  std::vector<std::int8_t> q(feature_count());
  ErrorText err;
  if (ef::mfcc_int8(samples.data(), samples.size(), *ws_, q.data(), q.size(), err) != Status::ok) {
    throw std::invalid_argument(err.c_str());
  }
  return std::vector<std::uint8_t>(q.begin(), q.end());
}

void AudioFrontend::check_model_input(const config::WorkloadSpec& workload, std::uint32_t elements,
                                      Quantization input) const {
  const std::string file = workload.file.string();
  const ef::MfccConfig& c = ws_->config();
  if (elements != feature_count()) {
    throw config::ConfigError(file, "/input/shape",
                              "the mfcc front end makes " + std::to_string(feature_count()) +
                                  " values (" + std::to_string(ef::mfcc_num_frames(c)) +
                                  " frames x " + std::to_string(c.num_coefficients) +
                                  " coefficients); the model's input tensor has " +
                                  std::to_string(elements));
  }
  // The same float32 in the model and the front end; anything else would shift every feature.
  const Quantization q = quantization();
  if (std::fabs(input.scale - q.scale) > 1e-6f * q.scale || input.zero_point != q.zero_point) {
    throw config::ConfigError(
        file, "/input/scale",
        "the mfcc front end quantizes with scale " + std::to_string(q.scale) + ", zero point " +
            std::to_string(q.zero_point) + "; the model's input tensor has scale " +
            std::to_string(input.scale) + ", zero point " + std::to_string(input.zero_point));
  }
}

}  // namespace tr::dataset
