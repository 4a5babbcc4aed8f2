// `tinyrack profile`: one model on one board of a rack, every operator timed once (the runner's
// tr-prof), printed as a per-operator table with shapes, MACs, time, share and arena in use.
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include "builder/input_patterns.h"
#include "cli/commands.h"
#include "cli/tool_paths.h"
#include "config/config_error.h"
#include "config/rack_spec.h"
#include "reports/report_json.h"
#include "run/host_engine.h"
#include "run/infer_on_board.h"
#include "run/operator_profile.h"
#include "run/prepared_workload.h"
#include "run/profile_table.h"

namespace tr::cli {
namespace {

struct ProfileOptions {
  std::filesystem::path model, rack, input, json, out_dir;
  std::string board;
};

// The input `tinyrack profile` runs when given none: pattern P0 (facts/tflite-format.md §3.6),
// the first input of every builder workload.
std::vector<uint8_t> default_input(const harness::HostEngine& host) {
  auto values = workloads::make_pattern_input(workloads::Pattern::p0, host.input().bytes,
                                              host.input().zero_point);
  return std::vector<uint8_t>(values.begin(), values.end());
}

const config::BoardSpec* choose_board(const config::RackSpec& rack, const std::string& name) {
  if (name.empty()) return rack.boards.empty() ? nullptr : &rack.boards.front();
  return rack.find_board(name);
}

void write_json(const std::filesystem::path& file, const report::ProfileInfo& profile) {
  std::ofstream out(file, std::ios::trunc);
  out << report::to_json(profile).dump(2) << "\n";
  if (!out) throw std::runtime_error("cannot write " + file.string());
}

int run_profile(const ProfileOptions& o) {
  const std::filesystem::path rack_file =
      o.rack.empty() ? source_root() / "racks" / "emulated.json" : o.rack;
  config::RackSpec rack;
  std::vector<uint8_t> model, input;
  std::unique_ptr<harness::HostEngine> host;
  const config::BoardSpec* board = nullptr;
  try {
    rack = config::load_rack(rack_file, default_targets_dir(rack_file));
    board = choose_board(rack, o.board);
    if (board == nullptr) {
      std::fprintf(stderr, "tinyrack profile: rack %s has no board '%s'\n", rack_file.c_str(),
                   o.board.c_str());
      return kExitBadInput;
    }
    model = harness::read_file_bytes(o.model);
    host = std::make_unique<harness::HostEngine>(model);
    input = o.input.empty() ? default_input(*host) : harness::read_file_bytes(o.input);
    host->run(input);  // a wrong input size fails here, before QEMU starts
  } catch (const config::ConfigError& e) {
    std::fprintf(stderr, "tinyrack profile: %s\n", e.what());
    return kExitBadInput;
  } catch (const harness::ModelError& e) {
    std::fprintf(stderr, "tinyrack profile: %s: %s\n", o.model.c_str(), e.what());
    return kExitBadInput;
  }

  const std::filesystem::path out_dir = o.out_dir.empty()
                                            ? std::filesystem::temp_directory_path() /
                                                  ("tinyrack-profile-" + std::to_string(::getpid()))
                                            : o.out_dir;
  harness::BoardOutcome outcome = harness::run_single_input(
      *board, rack.programs.qemu, default_firmware_dir(), model, input, out_dir, true);
  if (!outcome.passed || !outcome.profile) {
    std::fprintf(stderr, "tinyrack profile: %s\n(transcript and QEMU logs in %s)\n",
                 outcome.error.c_str(), out_dir.c_str());
    return kExitFailed;
  }
  harness::ProfileClock clock;
  clock.timer_hz = outcome.identity.timer_hz;
  if (board->target.emulation) clock.icount_shift = board->target.emulation->icount_shift;
  const report::ProfileInfo profile =
      harness::build_operator_profile(*host, *outcome.profile, clock);

  std::printf("profile of %s on %s (%s), %zu operators, %s input\n", o.model.c_str(),
              board->name.c_str(), board->target.name.c_str(), profile.operators.size(),
              o.input.empty() ? "pattern P0" : o.input.c_str());
  std::printf("%s", harness::format_profile_table(profile).c_str());
  if (!o.json.empty()) {
    write_json(o.json, profile);
    std::printf("profile: %s\n", o.json.c_str());
  }
  if (o.out_dir.empty()) std::filesystem::remove_all(out_dir);
  return kExitOk;
}

}  // namespace

std::function<int()> add_profile_command(CLI::App& app) {
  auto opts = std::make_shared<ProfileOptions>();
  CLI::App* cmd = app.add_subcommand(
      "profile", "Time every operator of a model on one board and print a per-operator table");
  cmd->add_option("--model", opts->model, "int8 .tflite model")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("--rack", opts->rack, "rack file (default: racks/emulated.json)")
      ->check(CLI::ExistingFile);
  cmd->add_option("--board", opts->board, "board name in the rack (default: its first board)");
  cmd->add_option("--input", opts->input, "raw input tensor (default: pattern P0)")
      ->check(CLI::ExistingFile);
  cmd->add_option("--json", opts->json, "also write the profile as JSON to this file");
  cmd->add_option("--out", opts->out_dir,
                  "folder for the board's transcript and QEMU logs (default: a temporary "
                  "folder, removed on success)");
  return [opts] {
    try {
      return run_profile(*opts);
    } catch (const std::exception& e) {
      std::fprintf(stderr, "tinyrack profile: %s\n", e.what());
      return kExitFailed;
    }
  };
}

}  // namespace tr::cli
