// bench/engine: every MLPerf Tiny reference model that is available (and the project's own
// fully-connected model) on every board of the emulated rack, twice: with each target's own
// kernel set (dsp, helium) and with the reference kernels. Prints one JSON document with, per
// board x model x kernel set: instructions per inference (QEMU -icount, emulated), the runner's
// arena use (measured by the runner), MACs per inference (from the model's shapes) and MACs per
// instruction, the firmware's loadable bytes, and which kernels ran; and, where issue 3 quotes
// one, TFLite Micro + CMSIS-NN's figure for the same model and core, measured the same way.
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

// TFLM + CMSIS-NN instructions per inference quoted by issue 3 (arm-none-eabi-gcc 12.2,
// QEMU -icount shift=0): Cortex-M4 on mps2-an386, Cortex-M55 (Helium) on mps3-an547.
struct Quoted {
  const char* model;
  const char* target;
  double instructions;
};

constexpr Quoted kTflmCmsisNn[] = {
    {"kws01", "qemu-m4", 7.58e6}, {"vww01", "qemu-m4", 23.8e6},  {"ic01", "qemu-m4", 29.8e6},
    {"ad01", "qemu-m4", 0.58e6},  {"kws01", "qemu-m55", 1.82e6}, {"vww01", "qemu-m55", 6.56e6},
    {"ic01", "qemu-m55", 4.91e6}, {"ad01", "qemu-m55", 0.150e6},
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

nlohmann::json result_json(const ModelEntry& m, const harness::BoardOutcome& o, uint64_t macs,
                           const std::string& variant, const fs::path& firmware_dir) {
  nlohmann::json r = {
      {"model", m.id}, {"board", o.board}, {"target", o.target}, {"firmware", variant}};
  if (!o.passed || o.windows.empty()) {
    r["error"] = o.error;
    return r;
  }
  auto elf = probe::ElfImage::load(firmware_dir / o.target / "runner.elf");
  const double instructions = static_cast<double>(o.windows[0].instructions);
  r["instructions_per_inference"] = {{"value", o.windows[0].instructions},
                                     {"provenance", "emulated"}};
  r["macs_per_inference"] = macs;
  r["macs_per_instruction"] = static_cast<double>(macs) / instructions;
  r["arena_used_bytes"] = o.memory.count("arena_used") ? o.memory.at("arena_used") : 0;
  r["firmware_loadable_bytes"] = elf.loadable_bytes();
  r["engine"] = o.identity.engine;
  for (const Quoted& q : kTflmCmsisNn) {
    if (m.id != std::string(q.model) || o.target != q.target) continue;
    r["tflm_cmsis_nn_instructions"] = {{"value", q.instructions}, {"source", "issue 3"}};
    r["instructions_vs_tflm_cmsis_nn"] = instructions / q.instructions;
  }
  return r;
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
  nlohmann::json out = {{"bench", "engine"}, {"results", nlohmann::json::array()}};
  const fs::path firmware = TINYRACK_FIRMWARE_DIR;
  const std::pair<std::string, fs::path> variants[] = {{"target", firmware},
                                                       {"reference", firmware / "reference"}};
  fs::path scratch = fs::temp_directory_path() / ("tinyrack-bench-" + std::to_string(::getpid()));
  for (const ModelEntry& m : kModels) {
    if (m.file != nullptr && !fs::exists(models_dir() / m.file)) {
      out["skipped"].push_back({{"model", m.id}, {"reason", "model file not found"}});
      continue;
    }
    auto workload = harness::prepare_workload(workload_for(m, iterations), TINYRACK_SOURCE_DIR);
    const uint64_t macs = harness::HostEngine(workload.model).mac_count();
    for (const auto& [variant, dir] : variants) {
      harness::RackRunOptions options;
      options.out_dir = scratch / m.id / variant;
      options.firmware_dir = dir;
      auto run = harness::run_rack(rack, workload, options, {});
      for (const auto& o : run.outcomes) {
        out["results"].push_back(result_json(m, o, macs, variant, dir));
      }
    }
  }
  fs::remove_all(scratch);
  std::printf("%s\n", out.dump(2).c_str());
  return 0;
}
