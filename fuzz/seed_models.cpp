// Writes the fuzzer's seed corpus into a directory: small valid models that together use every
// operator the engine has (tests/firmware-runner/engine/model_spec.h) plus synthetic
// fully-connected stacks. Usage: fuzz_seed_models <dir>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "builder/fc_stack_model.h"
#include "model_spec.h"

namespace {

bool write(const std::string& path, const std::vector<uint8_t>& bytes) {
  std::ofstream f(path, std::ios::binary);
  f.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
  return static_cast<bool>(f);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: fuzz_seed_models <dir>\n");
    return 2;
  }
  const std::string dir = argv[1];
  std::vector<std::pair<std::string, std::vector<uint8_t>>> seeds = {
      {"fc_reshape", tr::test::fc_reshape_model().build()},
      {"conv", tr::test::conv_model().build()},
      {"elementwise", tr::test::elementwise_model().build()},
      {"quantize", tr::test::quantize_model().build()},
      {"fc_stack_small", tr::workloads::make_fc_stack_model(1, {16, 8, 4, 8, 16})},
      {"fc_stack_wide", tr::workloads::make_fc_stack_model(2, {64, 32, 8, 32, 64})},
  };
  int written = 0;
  for (const auto& [name, bytes] : seeds) {
    const std::string path = dir + "/seed_" + name + ".tflite";
    if (!write(path, bytes)) {
      std::fprintf(stderr, "fuzz_seed_models: cannot write %s\n", path.c_str());
      return 1;
    }
    ++written;
  }
  std::printf("wrote %d seed models to %s\n", written, dir.c_str());
  return 0;
}
