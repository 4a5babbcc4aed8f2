// Host tool for the standard-only DUT build (cmake/Firmware.cmake): writes the fc-stack model
// that gets baked into firmware-<target>-standard, the builder's own recipe, so tests can make
// the same bytes on the host.
//   standard_model_tool SEED L0,L1,...,Ln OUT.tflite
#include <cstdio>
#include <exception>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "builder/fc_stack_model.h"

int main(int argc, char** argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: %s SEED L0,L1,...,Ln OUT.tflite\n", argv[0]);
    return 2;
  }
  try {
    const auto seed = static_cast<uint32_t>(std::stoul(argv[1]));
    std::vector<int> layers;
    std::stringstream list(argv[2]);
    for (std::string item; std::getline(list, item, ',');) layers.push_back(std::stoi(item));
    const std::vector<uint8_t> model = tr::workloads::make_fc_stack_model(seed, layers);
    std::ofstream out(argv[3], std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(model.data()),
              static_cast<std::streamsize>(model.size()));
    if (!out) throw std::runtime_error(std::string("cannot write ") + argv[3]);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "%s: %s\n", argv[0], e.what());
    return 1;
  }
  return 0;
}
