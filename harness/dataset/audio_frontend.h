// The engine's MFCC front end on the host: what a board's `tr-input LEN CRC mfcc` makes of a
// dataset file's audio (workload `input.frontend: mfcc`, `from_file: int16le-audio`). The host
// engine runs on these features, so a board's output must still match it bit for bit.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "config/workload_spec.h"
#include "dataset/input_conversion.h"

namespace tr::engine::frontend {
class MfccWorkspace;
}

namespace tr::dataset {

class AudioFrontend {
 public:
  AudioFrontend();  // MLPerf Tiny kws01's front end, the one the runner firmware carries
  ~AudioFrontend();
  AudioFrontend(const AudioFrontend&) = delete;
  AudioFrontend& operator=(const AudioFrontend&) = delete;

  std::uint32_t audio_bytes() const;    // one clip: 16000 int16 samples = 32000 bytes
  std::uint32_t feature_count() const;  // int8 values it makes: 49 x 10 = 490
  Quantization quantization() const;    // the int8 features' scale and zero point

  // int16 little-endian audio (exactly audio_bytes()) -> the int8 input tensor bytes. Throws
  // std::invalid_argument for another length.
  std::vector<std::uint8_t> features(std::span<const std::uint8_t> audio);

  // Throws config::ConfigError naming the workload file and /input/shape or /input/scale when
  // the model's input tensor (`elements` int8 values, `input` quantization) is not what this
  // front end makes.
  void check_model_input(const config::WorkloadSpec& workload, std::uint32_t elements,
                         Quantization input) const;

 private:
  std::unique_ptr<engine::frontend::MfccWorkspace> ws_;
};

}  // namespace tr::dataset
