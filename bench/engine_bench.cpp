// bench/engine: every MLPerf Tiny reference model that is available (and the project's own
// fully-connected model) on every board of the emulated rack. Prints one JSON document with,
// per board x model: instructions per inference (QEMU -icount, emulated), the runner's arena
// use (measured by the runner), MACs per inference (from the model's shapes) and MACs per
// instruction, the firmware's loadable bytes, and which kernels ran.
// Usage: bench_engine [--rack FILE] [--iterations N]
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "config/rack_spec.h"
#include "config/workload_spec.h"
#include "debug/elf_image.h"
#include "run/host_engine.h"
#include "run/prepared_workload.h"
#include "run/rack_run.h"

namespace fs = std::filesystem;
using namespace tr;

namespace {

struct ModelEntry {
  const char* id;
  const char* file;  // nullptr: the builder model
};

constexpr ModelEntry kModels[] = {
    {"kws01", "kws_ref_model.tflite"},
    {"vww01", "vww_96_int8.tflite"},
    {"ic01", "pretrainedResnet_quant.tflite"},
    {"ad01", "ad01_int8.tflite"},
    {"fc-stack", nullptr},
};

fs::path models_dir() {
  if (const char* env = std::getenv("TINYRACK_MLPERF_MODELS"); env != nullptr && *env != '\0') {
    return env;
  }
  return fs::path(TINYRACK_SOURCE_DIR).parent_path() / "shared" / "mlperf-tiny" / "models";
}

config::WorkloadSpec workload_for(const ModelEntry& m, uint32_t iterations) {
  config::WorkloadSpec spec;
  spec.name = m.id;
  spec.file = fs::path(TINYRACK_SOURCE_DIR) / "bench" / "engine.json";
  if (m.file != nullptr) {
    spec.model.file = models_dir() / m.file;
  } else {
    spec.model.fallback = config::BuilderRecipe{"fc-stack", 1, {640, 128, 128, 8, 128, 640}};
  }
  config::InputSpec in;
  in.kind = config::InputSpec::Kind::pattern;
  in.pattern = config::InputPattern::p0;
  spec.inputs = {in};
  spec.infer.iterations = iterations;
  spec.infer.warmup = 1;
  return spec;
}

}  // namespace

int main(int argc, char** argv) {
  fs::path rack_file = fs::path(TINYRACK_SOURCE_DIR) / "racks" / "emulated.json";
  uint32_t iterations = 2;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--rack") == 0) rack_file = argv[i + 1];
    if (std::strcmp(argv[i], "--iterations") == 0)
      iterations = static_cast<uint32_t>(std::stoul(argv[i + 1]));
  }
  auto rack = config::load_rack(rack_file, rack_file.parent_path().parent_path() / "targets");
  nlohmann::json out = {
      {"bench", "engine"}, {"kernels", "reference"}, {"results", nlohmann::json::array()}};
  fs::path scratch = fs::temp_directory_path() / ("tinyrack-bench-" + std::to_string(::getpid()));
  for (const ModelEntry& m : kModels) {
    if (m.file != nullptr && !fs::exists(models_dir() / m.file)) {
      out["skipped"].push_back({{"model", m.id}, {"reason", "model file not found"}});
      continue;
    }
    auto workload = harness::prepare_workload(workload_for(m, iterations), TINYRACK_SOURCE_DIR);
    const uint64_t macs = harness::HostEngine(workload.model).mac_count();
    harness::RackRunOptions options;
    options.out_dir = scratch / m.id;
    options.firmware_dir = TINYRACK_FIRMWARE_DIR;
    auto run = harness::run_rack(rack, workload, options, {});
    for (const auto& o : run.outcomes) {
      nlohmann::json r = {{"model", m.id}, {"board", o.board}, {"target", o.target}};
      if (!o.passed || o.windows.empty()) {
        r["error"] = o.error;
      } else {
        auto elf = probe::ElfImage::load(options.firmware_dir / o.target / "runner.elf");
        r["instructions_per_inference"] = {{"value", o.windows[0].instructions},
                                           {"provenance", "emulated"}};
        r["macs_per_inference"] = macs;
        r["macs_per_instruction"] = static_cast<double>(macs) / o.windows[0].instructions;
        r["arena_used_bytes"] = o.memory.count("arena_used") ? o.memory.at("arena_used") : 0;
        r["firmware_loadable_bytes"] = elf.loadable_bytes();
        r["engine"] = o.identity.engine;
      }
      out["results"].push_back(r);
    }
  }
  fs::remove_all(scratch);
  std::printf("%s\n", out.dump(2).c_str());
  return 0;
}
