#include "run/prepared_workload.h"

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

}  // namespace

std::vector<uint8_t> read_file_bytes(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw config::ConfigError(file.string(), "(file)", "cannot be read");
  return std::vector<uint8_t>(std::istreambuf_iterator<char>(in), {});
}

PreparedWorkload prepare_workload(const config::WorkloadSpec& spec,
                                  const std::filesystem::path& repo_root) {
  PreparedWorkload w;
  w.spec = spec;
  choose_model(spec, repo_root, w);

  HostEngine host(w.model);
  w.input_bytes = host.input().bytes;
  w.output_bytes = host.output().bytes;
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
