#include "mlperf/reference_firmware.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "run/prepared_workload.h"

namespace tr::harness::mlperf {

ReferenceFirmware reference_firmware(std::string_view model_id) {
  ReferenceFirmware r;
  r.model_id = std::string(model_id);
  if (model_id == "ad01") {
    r.input = DbEncoding::float32;
    r.results = ResultKind::reconstruction_mse;
  } else if (model_id == "vww01" || model_id == "ic01" || model_id == "ic02") {
    r.input = DbEncoding::uint8_minus_128;
  }
  return r;
}

std::optional<std::string> mlperf_model_id(std::string_view model_file) {
  // The reference model files of facts/dut-protocol.md §11.
  struct Known {
    std::string_view file;
    std::string_view id;
  };
  static constexpr Known kKnown[] = {
      {"kws_ref_model.tflite", "kws01"},
      {"vww_96_int8.tflite", "vww01"},
      {"pretrainedResnet_quant.tflite", "ic01"},
      {"pretrainedResnet_large_int8.tflite", "ic02"},
      {"ad01_int8.tflite", "ad01"},
      {"str_ww_ref_model.tflite", "sww01"},
  };
  for (const Known& k : kKnown) {
    if (k.file == model_file) return std::string(k.id);
  }
  return std::nullopt;
}

std::optional<std::string> mlperf_model_id(const config::WorkloadSpec& workload) {
  if (!workload.model.mlperf) return std::nullopt;
  return mlperf_model_id(*workload.model.mlperf);
}

std::vector<float> input_real_values(const PreparedWorkload& workload, size_t index,
                                     dataset::Quantization input) {
  const PreparedInput& in = workload.inputs.at(index);
  if (workload.dataset && workload.spec.from_file == config::FromFile::float32_quantize) {
    for (const dataset::DatasetFile& f : workload.dataset->files) {
      if (index < f.first_input || index >= f.first_input + f.windows || f.values.empty()) {
        continue;
      }
      const auto window = static_cast<uint32_t>(index - f.first_input);
      auto values = f.reference(window, static_cast<uint32_t>(in.bytes.size()));
      return std::vector<float>(values.begin(), values.end());
    }
  }
  return dataset::to_real_values(in.bytes, config::FromFile::int8, input);
}

std::vector<uint8_t> db_payload(std::span<const uint8_t> tensor, DbEncoding encoding,
                                std::span<const float> real_values) {
  std::vector<uint8_t> out;
  switch (encoding) {
    case DbEncoding::int8:
      out.assign(tensor.begin(), tensor.end());
      break;
    case DbEncoding::uint8_minus_128:
      for (uint8_t b : tensor) out.push_back(static_cast<uint8_t>(b ^ 0x80));
      break;
    case DbEncoding::float32:
      for (float v : real_values) {
        uint32_t bits;
        std::memcpy(&bits, &v, sizeof bits);
        for (int shift = 0; shift < 32; shift += 8)
          out.push_back(static_cast<uint8_t>(bits >> shift));
      }
      break;
  }
  return out;
}

std::vector<float> expected_scores(std::span<const uint8_t> host_output,
                                   dataset::Quantization output, ResultKind results,
                                   std::span<const float> real_inputs) {
  std::vector<float> values;
  for (uint8_t b : host_output) {
    const int32_t q = static_cast<int8_t>(b);
    values.push_back(output.scale * static_cast<float>(q - output.zero_point));
  }
  if (results == ResultKind::outputs) return values;
  const size_t n = std::min(values.size(), real_inputs.size());
  if (n == 0) return {0.0f};
  float sum = 0.0f;
  for (size_t i = 0; i < n; ++i) {
    const float diff = values[i] - real_inputs[i];
    sum += diff * diff;
  }
  return {sum / static_cast<float>(n)};
}

std::vector<uint8_t> outputs_from_scores(std::span<const float> scores,
                                         dataset::Quantization output) {
  std::vector<uint8_t> out;
  const float scale = output.scale > 0.0f ? output.scale : 1.0f;
  for (float v : scores) {
    float q = std::round(v / scale) + static_cast<float>(output.zero_point);
    q = std::clamp(q, -128.0f, 127.0f);
    out.push_back(static_cast<uint8_t>(static_cast<int8_t>(q)));
  }
  return out;
}

bool scores_match(std::span<const float> dut, std::span<const float> host) {
  if (dut.size() != host.size()) return false;
  for (size_t i = 0; i < dut.size(); ++i) {
    if (!(std::fabs(dut[i] - host[i]) <= 0.001f + 1e-6f)) return false;
  }
  return true;
}

}  // namespace tr::harness::mlperf
