// tr-model: the C++ half of the workloads' Python training tools.
//   tr-model build SPEC.json OUT.tflite      spec (docs/model-spec.md) -> .tflite via TfliteWriter
//   tr-model infer MODEL.tflite INPUTS OUTPUTS
//       INPUTS holds N raw input tensors back to back; OUTPUTS gets the N raw output tensors of
//       the host engine (bit-exact with the boards), so Python can score the int8 model.
// Exit status: 0 ok, 2 bad input (message names the file and what is wrong), 1 other failure.
#include <cstdio>
#include <exception>
#include <fstream>
#include <span>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "builder/model_spec_json.h"
#include "run/host_engine.h"
#include "run/prepared_workload.h"

namespace {

constexpr int kExitBadInput = 2;

void write_file(const std::string& path, const std::vector<uint8_t>& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(bytes.data()),
            static_cast<std::streamsize>(bytes.size()));
  if (!out) throw std::runtime_error("cannot write " + path);
}

int build(const std::string& spec_path, const std::string& out_path) {
  nlohmann::json spec;
  try {
    std::ifstream in(spec_path);
    if (!in) throw std::runtime_error("cannot open");
    spec = nlohmann::json::parse(in);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "tr-model build: %s: %s\n", spec_path.c_str(), e.what());
    return kExitBadInput;
  }
  std::vector<uint8_t> model;
  try {
    model = tr::workloads::build_model_from_spec(spec);
    tr::harness::HostEngine check(model);  // the engine must accept what we write
  } catch (const std::exception& e) {
    std::fprintf(stderr, "tr-model build: %s: %s\n", spec_path.c_str(), e.what());
    return kExitBadInput;
  }
  write_file(out_path, model);
  std::printf("%s: %zu bytes\n", out_path.c_str(), model.size());
  return 0;
}

int infer(const std::string& model_path, const std::string& inputs_path,
          const std::string& outputs_path) {
  try {
    const auto model = tr::harness::read_file_bytes(model_path);
    const auto inputs = tr::harness::read_file_bytes(inputs_path);
    tr::harness::HostEngine engine(model);
    const size_t in_bytes = engine.input().bytes;
    if (in_bytes == 0 || inputs.size() % in_bytes != 0) {
      std::fprintf(stderr,
                   "tr-model infer: %s: %zu bytes is not a whole number of %zu-byte inputs\n",
                   inputs_path.c_str(), inputs.size(), in_bytes);
      return kExitBadInput;
    }
    std::vector<uint8_t> outputs;
    for (size_t off = 0; off < inputs.size(); off += in_bytes) {
      auto out = engine.run(std::span<const uint8_t>(inputs).subspan(off, in_bytes));
      outputs.insert(outputs.end(), out.begin(), out.end());
    }
    write_file(outputs_path, outputs);
    return 0;
  } catch (const tr::harness::ModelError& e) {
    std::fprintf(stderr, "tr-model infer: %s: %s\n", model_path.c_str(), e.what());
    return kExitBadInput;
  }
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  try {
    if (args.size() == 3 && args[0] == "build") return build(args[1], args[2]);
    if (args.size() == 4 && args[0] == "infer") return infer(args[1], args[2], args[3]);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "tr-model: %s\n", e.what());
    return 1;
  }
  std::fprintf(stderr,
               "usage: tr-model build SPEC.json OUT.tflite\n"
               "       tr-model infer MODEL.tflite INPUTS.bin OUTPUTS.bin\n");
  return kExitBadInput;
}
