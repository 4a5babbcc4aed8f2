// `tinyrack infer`: one raw input tensor through the host engine, or through one board of a
// rack, written out as the raw output tensor.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include "cli/commands.h"
#include "cli/tool_paths.h"
#include "config/config_error.h"
#include "config/rack_spec.h"
#include "run/host_engine.h"
#include "run/infer_on_board.h"
#include "run/prepared_workload.h"

namespace tr::cli {
namespace {

struct InferOptions {
  std::filesystem::path model, input, output, rack, out_dir;
  std::string board;
};

void write_bytes(const std::filesystem::path& file, const std::vector<uint8_t>& bytes) {
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(bytes.data()),
            static_cast<std::streamsize>(bytes.size()));
  if (!out) throw std::runtime_error("cannot write " + file.string());
}

int run_infer(const InferOptions& o) {
  std::vector<uint8_t> model, input;
  try {
    model = harness::read_file_bytes(o.model);
    input = harness::read_file_bytes(o.input);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "tinyrack infer: %s\n", e.what());
    return kExitBadInput;
  }
  std::vector<uint8_t> output;
  try {
    if (o.rack.empty()) {
      harness::HostEngine engine(model);
      output = engine.run(input);
    } else {
      auto rack = config::load_rack(o.rack, default_targets_dir(o.rack));
      const config::BoardSpec* board = rack.find_board(o.board);
      if (board == nullptr) {
        std::fprintf(stderr, "tinyrack infer: rack %s has no board '%s'\n", o.rack.c_str(),
                     o.board.c_str());
        return kExitBadInput;
      }
      // infer_on_board runs the host engine first: a bad model or input fails before QEMU.
      output =
          harness::infer_on_board(*board, rack.programs.qemu, default_firmware_dir(), model, input,
                                  o.out_dir.empty() ? std::filesystem::path(".") : o.out_dir);
    }
  } catch (const config::ConfigError& e) {
    std::fprintf(stderr, "tinyrack infer: %s\n", e.what());
    return kExitBadInput;
  } catch (const harness::ModelError& e) {
    std::fprintf(stderr, "tinyrack infer: %s: %s\n", o.model.c_str(), e.what());
    return kExitBadInput;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "tinyrack infer: %s\n", e.what());
    return kExitFailed;
  }
  write_bytes(o.output, output);
  std::printf("wrote %zu output bytes to %s\n", output.size(), o.output.c_str());
  return kExitOk;
}

}  // namespace

std::function<int()> add_infer_command(CLI::App& app) {
  auto opts = std::make_shared<InferOptions>();
  CLI::App* cmd =
      app.add_subcommand("infer", "Run one raw input tensor through the host engine or one board");
  cmd->add_option("--model", opts->model, "int8 .tflite model")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("--input", opts->input, "raw input tensor (exactly the tensor's bytes)")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("--output", opts->output, "where to write the raw output tensor")->required();
  auto* rack =
      cmd->add_option("--rack", opts->rack, "rack file; runs on --board instead of the host")
          ->check(CLI::ExistingFile);
  cmd->add_option("--board", opts->board, "board name in the rack")->needs(rack);
  cmd->add_option("--out", opts->out_dir, "folder for the board's transcript and QEMU logs")
      ->needs(rack);
  return [opts] {
    if (!opts->rack.empty() && opts->board.empty()) {
      std::fprintf(stderr, "tinyrack infer: --rack needs --board\n");
      return kExitBadInput;
    }
    return run_infer(*opts);
  };
}

}  // namespace tr::cli
