// `tinyrack run`: a workload on every board of a rack, concurrently; writes the run folder
// (report.json, console transcripts, QEMU stderr and command lines) and prints a table.
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>

#include "cli/commands.h"
#include "cli/run_table.h"
#include "cli/tool_paths.h"
#include "config/config_error.h"
#include "config/rack_spec.h"
#include "config/workload_spec.h"
#include "reports/report_file.h"
#include "run/host_engine.h"
#include "run/rack_run.h"
#include "run/report_builder.h"

namespace tr::cli {
namespace {

struct RunOptions {
  std::filesystem::path rack, workload, out, targets, firmware;
  std::vector<std::string> boards;
  std::string input_path = "probe";
  bool quiet = false;
  bool profile = false;
};

int run(const RunOptions& o) {
  config::RackSpec rack;
  harness::PreparedWorkload workload;
  try {
    auto targets = o.targets.empty() ? default_targets_dir(o.rack) : o.targets;
    rack = config::load_rack(o.rack, targets);
    for (const std::string& name : o.boards) {
      if (rack.find_board(name) == nullptr) {
        throw config::ConfigError(o.rack.string(), "/boards", "no board named '" + name + "'");
      }
    }
    workload = harness::prepare_workload(config::load_workload(o.workload), source_root());
  } catch (const config::ConfigError& e) {
    std::fprintf(stderr, "tinyrack run: %s\n", e.what());
    return kExitBadInput;
  } catch (const harness::ModelError& e) {
    std::fprintf(stderr, "tinyrack run: %s: %s\n", o.workload.c_str(), e.what());
    return kExitBadInput;
  }

  std::filesystem::create_directories(o.out);
  std::printf("workload %s: model from %s (%s), %zu inputs, infer %u warm-up %u\n",
              workload.spec.name.c_str(), workload.model_source.c_str(),
              workload.model_description.c_str(), workload.inputs.size(),
              workload.spec.infer.iterations, workload.spec.infer.warmup);
  std::fflush(stdout);

  harness::RackRunOptions options;
  options.out_dir = std::filesystem::absolute(o.out);
  options.firmware_dir = o.firmware.empty() ? default_firmware_dir() : o.firmware;
  options.boards = o.boards;
  options.input_path = o.input_path == "db" ? harness::InputPath::db : harness::InputPath::probe;
  options.profile = o.profile;
  harness::EventSink events;
  if (!o.quiet) {
    events = [](const harness::SessionEvent& e) {
      std::fprintf(stderr, "[%s] %s%s%s\n", e.board.c_str(), e.step.c_str(),
                   e.detail.empty() ? "" : ": ", e.detail.c_str());
    };
  }
  harness::RackRunResult result = harness::run_rack(rack, workload, options, events);

  harness::RunContext context;
  context.rack_file = o.rack;
  context.workload_file = o.workload;
  context.interrupted = result.interrupted;
  report::Report rep = harness::build_report(rack, workload, result, context);
  auto report_path = options.out_dir / "report.json";
  report::write_report(rep, report_path);

  print_run_table(rep, stdout);
  std::printf("report: %s\n", report_path.c_str());
  if (result.interrupted) std::printf("interrupted: the report holds what finished\n");
  bool all_passed = !result.interrupted && !result.outcomes.empty();
  for (const auto& outcome : result.outcomes) all_passed = all_passed && outcome.passed;
  return all_passed ? kExitOk : kExitFailed;
}

}  // namespace

std::function<int()> add_run_command(CLI::App& app) {
  auto opts = std::make_shared<RunOptions>();
  CLI::App* cmd = app.add_subcommand("run", "Run a workload on every board of a rack");
  cmd->add_option("--rack", opts->rack, "rack file (racks/emulated.json)")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("--workload", opts->workload, "workload file (workloads/<name>/workload.json)")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("--out", opts->out, "run folder to create")->required();
  cmd->add_option("--board", opts->boards, "only these boards (repeatable)");
  cmd->add_option("--input-path", opts->input_path,
                  "how inputs reach the runner: probe (RAM slot) or db (MLPerf hex lines)")
      ->check(CLI::IsMember({"probe", "db"}));
  cmd->add_option("--targets", opts->targets, "folder of target files (default: ../targets)");
  cmd->add_option("--firmware", opts->firmware, "folder of <target>/runner.elf images");
  cmd->add_flag("--quiet", opts->quiet, "no progress lines on stderr");
  cmd->add_flag("--profile", opts->profile,
                "after the measurement, time every operator once (tr-prof) into the report");
  return [opts] { return run(*opts); };
}

}  // namespace tr::cli
