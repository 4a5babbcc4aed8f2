#include "run/prepared_workload.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <iterator>
#include <stdexcept>

#include "builder/fc_stack_model.h"
#include "builder/input_patterns.h"
#include "config/config_error.h"
#include "debug/sha256.h"
#include "run/host_engine.h"

namespace tr::harness {
namespace {

std::string sha256_hex(const std::vector<uint8_t>& bytes) {
  probe::Sha256 sha;
  sha.update(bytes);
  return probe::Sha256::to_hex(sha.finish());
}

std::vector<uint8_t> to_bytes(const std::vector<int8_t>& v) {
  return std::vector<uint8_t>(v.begin(), v.end());
}

workloads::Pattern to_builder(config::InputPattern p) {
  switch (p) {
    case config::InputPattern::p0:
      return workloads::Pattern::p0;
    case config::InputPattern::p1:
      return workloads::Pattern::p1;
    case config::InputPattern::p2:
      return workloads::Pattern::p2;
  }
  return workloads::Pattern::p0;
}

// Picks the model: the MLPerf file when present, a local file, else the builder recipe.
void choose_model(const config::WorkloadSpec& spec, const std::filesystem::path& repo_root,
                  PreparedWorkload& w) {
  const std::string file = spec.file.string();
  std::optional<std::filesystem::path> path;
  if (spec.model.mlperf) {
    path = config::find_mlperf_model(spec, repo_root);
    if (path) w.model_source = "mlperf";
  }
  if (!path && spec.model.file) {
    path = spec.model.file;
    w.model_source = "file";
  }
  if (path) {
    w.model = read_file_bytes(*path);
    w.model_description = path->string();
    w.model_sha256 = sha256_hex(w.model);
    if (spec.model.sha256 && *spec.model.sha256 != w.model_sha256) {
      throw config::ConfigError(file, "/model/sha256",
                                "model " + path->string() + " has sha256 " + w.model_sha256 +
                                    ", the workload expects " + *spec.model.sha256);
    }
    w.model_id = path->stem().string();
    if (w.model_id.size() > 15) w.model_id = w.model_id.substr(0, 15);
    return;
  }
  if (!spec.model.fallback) {
    throw config::ConfigError(file, "/model",
                              "MLPerf Tiny model '" + spec.model.mlperf.value_or("") +
                                  "' not found (set TINYRACK_MLPERF_MODELS) and no fallback given");
  }
  const config::BuilderRecipe& r = *spec.model.fallback;
  std::vector<int> layers(r.layers.begin(), r.layers.end());
  w.model = workloads::make_fc_stack_model(static_cast<uint32_t>(r.seed), layers);
  w.model_source = "builder";
  w.model_description = r.builder + " seed " + std::to_string(r.seed) + " layers";
  for (size_t i = 0; i < layers.size(); ++i) {
    w.model_description += (i == 0 ? " " : "-") + std::to_string(layers[i]);
  }
  w.model_sha256 = sha256_hex(w.model);
  w.model_id = "fc-stack";
}

std::string shape_text(const int32_t* dims, size_t rank) {
  std::string s = "[";
  for (size_t i = 0; i < rank; ++i) s += (i ? ", " : "") + std::to_string(dims[i]);
  return s + "]";
}

// A declared tensor must be the model's: same shape, zero point, and scale within 1e-4
// relative (workload files round the model's float32 scales). Conversions and scores then use
// the model's exact values.
void check_tensor(const config::WorkloadSpec& spec, const std::string& pointer,
                  const config::TensorSpec& declared, const engine::TensorView& actual) {
  const std::string file = spec.file.string();
  std::vector<int32_t> dims(declared.shape.begin(), declared.shape.end());
  const bool same_shape =
      dims.size() == actual.rank && std::equal(dims.begin(), dims.end(), actual.dims);
  const std::string tensor = pointer == "/input" ? "input" : "output";
  if (!same_shape) {
    throw config::ConfigError(file, pointer + "/shape",
                              "declares " + shape_text(dims.data(), dims.size()) +
                                  "; the model's " + tensor + " tensor is " +
                                  shape_text(actual.dims, actual.rank));
  }
  if (actual.type != engine::TensorType::int8) {
    throw config::ConfigError(file, pointer, "the model's " + tensor + " tensor is not int8");
  }
  if (declared.zero_point != actual.zero_point) {
    throw config::ConfigError(file, pointer + "/zero_point",
                              "declares " + std::to_string(declared.zero_point) + "; the model's " +
                                  tensor + " zero point is " + std::to_string(actual.zero_point));
  }
  const double model_scale = actual.scale;
  if (std::fabs(declared.scale - model_scale) > 1e-4 * model_scale) {
    throw config::ConfigError(file, pointer + "/scale",
                              "declares " + std::to_string(declared.scale) + "; the model's " +
                                  tensor + " scale is " + std::to_string(model_scale));
  }
}

void add_dataset_inputs(const config::WorkloadSpec& spec, const PrepareOptions& options,
                        HostEngine& host, PreparedWorkload& w) {
  dataset::DatasetRequest request;
  request.dir = dataset::dataset_dir(spec, options.dataset_dir);
  request.per_class = options.per_class;
  request.input = {host.input().scale, host.input().zero_point};
  request.input_elements = host.input().bytes;
  w.dataset = dataset::load_dataset(spec, request);
  w.output_quantization = {host.output().scale, host.output().zero_point};
  auto& tensors = w.dataset->tensors;
  std::vector<std::vector<uint8_t>> outputs;
  outputs.reserve(tensors.size());
  for (const dataset::DatasetFile& file : w.dataset->files) {
    for (uint32_t k = 0; k < file.windows; ++k) {
      PreparedInput p;
      p.name = file.windows == 1 ? file.name : file.name + "#" + std::to_string(k);
      p.bytes = std::move(tensors[file.first_input + k]);
      if (!w.dataset->frontend_inputs.empty()) {
        p.frontend_input = std::move(w.dataset->frontend_inputs[file.first_input + k]);
      }
      p.host_output = host.run(p.bytes);
      outputs.push_back(p.host_output);
      w.inputs.push_back(std::move(p));
    }
  }
  tensors.clear();
  tensors.shrink_to_fit();
  w.dataset->frontend_inputs.clear();
  w.dataset->frontend_inputs.shrink_to_fit();
  w.host_accuracy = dataset::score_dataset(spec, *w.dataset, w.output_quantization, outputs);
}

}  // namespace

dataset::Accuracy score_outputs(const PreparedWorkload& workload,
                                const std::vector<std::vector<uint8_t>>& outputs) {
  if (!workload.dataset) throw std::logic_error("score_outputs: the workload has no dataset");
  return dataset::score_dataset(workload.spec, *workload.dataset, workload.output_quantization,
                                outputs);
}

std::vector<uint8_t> read_file_bytes(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw config::ConfigError(file.string(), "(file)", "cannot be read");
  return std::vector<uint8_t>(std::istreambuf_iterator<char>(in), {});
}

PreparedWorkload prepare_workload(const config::WorkloadSpec& spec,
                                  const std::filesystem::path& repo_root,
                                  const PrepareOptions& options) {
  PreparedWorkload w;
  w.spec = spec;
  choose_model(spec, repo_root, w);

  HostEngine host(w.model);
  w.input_bytes = host.input().bytes;
  w.output_bytes = host.output().bytes;
  if (spec.input) check_tensor(spec, "/input", *spec.input, host.input());
  if (spec.output) check_tensor(spec, "/output", *spec.output, host.output());
  if (spec.dataset) {
    add_dataset_inputs(spec, options, host, w);
    return w;
  }
  const size_t n = host.input().bytes;
  for (size_t i = 0; i < spec.inputs.size(); ++i) {
    const config::InputSpec& in = spec.inputs[i];
    PreparedInput p;
    switch (in.kind) {
      case config::InputSpec::Kind::pattern:
        p.name = config::to_string(in.pattern);
        p.bytes = to_bytes(
            workloads::make_pattern_input(to_builder(in.pattern), n, host.input().zero_point));
        break;
      case config::InputSpec::Kind::random:
        p.name = "random-" + std::to_string(in.seed);
        p.bytes = to_bytes(workloads::make_random_input(static_cast<uint32_t>(in.seed), n));
        break;
      case config::InputSpec::Kind::file:
        p.name = in.file.filename().string();
        p.bytes = read_file_bytes(in.file);
        if (p.bytes.size() != n) {
          throw config::ConfigError(spec.file.string(), "/inputs/" + std::to_string(i),
                                    in.file.string() + " has " + std::to_string(p.bytes.size()) +
                                        " bytes; the model's input tensor needs " +
                                        std::to_string(n));
        }
        break;
    }
    p.host_output = host.run(p.bytes);
    w.inputs.push_back(std::move(p));
  }
  return w;
}

}  // namespace tr::harness
