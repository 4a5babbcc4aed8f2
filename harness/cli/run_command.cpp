// `tinyrack run`: a workload (--workload) or a suite of workloads (--suite) on every board of a
// rack, boards concurrently, each board taking the workloads in order. Writes the run folder
// (report.json, console transcripts, QEMU stderr and command lines) and prints a table.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>
#include <string>

#include "cli/accuracy_table.h"
#include "cli/commands.h"
#include "cli/run_table.h"
#include "cli/submission_lines_printer.h"
#include "cli/tool_paths.h"
#include "cli/workload_selection.h"
#include "config/config_error.h"
#include "config/rack_spec.h"
#include "reports/report_file.h"
#include "run/host_engine.h"
#include "run/prepared_suite.h"
#include "run/rack_run.h"
#include "run/report_builder.h"

namespace tr::cli {
namespace {

struct RunOptions {
  std::filesystem::path rack, workload, suite, out, targets, firmware, dataset;
  std::vector<std::string> boards;
  std::string input_path = "probe";
  std::uint32_t per_class = 0;
  bool quiet = false;
  bool profile = false;
};

// Progress on stderr. Per-input steps are shown for small workloads; for datasets every
// `every`-th inference per board, so a 1000-input run does not print 2000 lines per board.
harness::EventSink progress_printer(size_t max_inputs) {
  const size_t every = max_inputs <= 16 ? 1 : (max_inputs + 9) / 10;
  auto counts = std::make_shared<std::map<std::string, size_t>>();
  return [every, counts](const harness::SessionEvent& e) {
    if (e.step == "load-model") (*counts)[e.board] = 0;
    if (every > 1 && e.step == "load-input") return;
    if (every > 1 && e.step == "infer") {
      size_t n = ++(*counts)[e.board];
      if (n % every != 1) return;
      std::fprintf(stderr, "[%s] infer #%zu: %s\n", e.board.c_str(), n, e.detail.c_str());
      return;
    }
    std::fprintf(stderr, "[%s] %s%s%s\n", e.board.c_str(), e.step.c_str(),
                 e.detail.empty() ? "" : ": ", e.detail.c_str());
  };
}

void describe(const harness::PreparedWorkload& w) {
  std::printf("workload %s: model from %s (%s), %zu inputs, infer %u warm-up %u\n",
              w.spec.name.c_str(), w.model_source.c_str(), w.model_description.c_str(),
              w.inputs.size(), w.spec.infer.iterations, w.spec.infer.warmup);
  if (w.dataset && w.host_accuracy) {
    const std::string subset =
        w.dataset->per_class > 0 ? " (first " + std::to_string(w.dataset->per_class) + " per class)"
                                 : std::string();
    std::printf("  dataset %s: %zu files%s, host engine %s\n", w.dataset->dir.c_str(),
                w.dataset->files.size(), subset.c_str(),
                format_metric(config::to_string(w.host_accuracy->metric),
                              harness::report_value(*w.host_accuracy))
                    .c_str());
  }
}

int run(const RunOptions& o) {
  config::RackSpec rack;
  harness::SuiteSpec suite;
  std::vector<harness::PreparedWorkload> prepared;
  const auto failed = load_or_exit("run", o.workload, [&] {
    auto targets = o.targets.empty() ? default_targets_dir(o.rack) : o.targets;
    rack = config::load_rack(o.rack, targets);
    for (const std::string& name : o.boards) {
      if (rack.find_board(name) == nullptr) {
        throw config::ConfigError(o.rack.string(), "/boards", "no board named '" + name + "'");
      }
    }
    suite = selected_suite(o.workload, o.suite, o.per_class);
    std::optional<std::filesystem::path> dataset;
    if (!o.dataset.empty()) dataset = o.dataset;
    prepared = harness::prepare_suite(suite, source_root(), dataset);
  });
  if (failed) return *failed;

  std::filesystem::create_directories(o.out);
  size_t max_inputs = 0;
  for (const auto& w : prepared) {
    describe(w);
    max_inputs = std::max(max_inputs, w.inputs.size());
  }
  std::fflush(stdout);

  harness::RackRunOptions options;
  options.out_dir = std::filesystem::absolute(o.out);
  options.firmware_dir = o.firmware.empty() ? default_firmware_dir() : o.firmware;
  options.boards = o.boards;
  options.input_path = o.input_path == "db" ? harness::InputPath::db : harness::InputPath::probe;
  options.profile = o.profile;
  harness::EventSink events;
  if (!o.quiet) events = progress_printer(max_inputs);
  const auto workloads = harness::pointers(prepared);
  harness::SuiteRunResult result = harness::run_suite(rack, workloads, options, events);

  harness::RunContext context;
  context.rack_file = o.rack;
  context.interrupted = result.interrupted;
  if (!o.suite.empty()) context.suite = report::SuiteInfo{suite.name, o.suite.string()};
  report::Report rep = harness::build_report(rack, workloads, result, context);
  auto report_path = options.out_dir / "report.json";
  report::write_report(rep, report_path);

  print_run_table(rep, stdout);
  print_submission_lines(rep, result, workloads, stdout);
  std::printf("report: %s\n", report_path.c_str());
  if (result.interrupted) std::printf("interrupted: the report holds what finished\n");
  bool all_passed = !result.interrupted && !rep.results.empty();
  for (const auto& r : rep.results)
    all_passed = all_passed && r.status == report::ResultStatus::passed;
  return all_passed ? kExitOk : kExitFailed;
}

}  // namespace

std::function<int()> add_run_command(CLI::App& app) {
  auto opts = std::make_shared<RunOptions>();
  CLI::App* cmd = app.add_subcommand("run", "Run a workload or a suite on every board of a rack");
  cmd->add_option("--rack", opts->rack, "rack file (racks/emulated.json)")
      ->required()
      ->check(CLI::ExistingFile);
  auto* workload = cmd->add_option("--workload", opts->workload,
                                   "workload file (workloads/<name>/workload.json)")
                       ->check(CLI::ExistingFile);
  auto* suite = cmd->add_option("--suite", opts->suite,
                                "suite file: a list of workloads (workloads/demo.json)")
                    ->check(CLI::ExistingFile);
  workload->excludes(suite);
  cmd->add_option("--out", opts->out, "run folder to create")->required();
  cmd->add_option("--board", opts->boards, "only these boards (repeatable)");
  cmd->add_option("--dataset", opts->dataset,
                  "dataset folder (y_labels.csv + .bin files, or one subfolder per workload "
                  "name); overrides the workloads' dataset.path")
      ->check(CLI::ExistingDirectory);
  cmd->add_option("--per-class", opts->per_class,
                  "only the first N files of each class (y_labels.csv order)")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--input-path", opts->input_path,
                  "how inputs reach the runner: probe (RAM slot) or db (MLPerf hex lines)")
      ->check(CLI::IsMember({"probe", "db"}));
  cmd->add_option("--targets", opts->targets, "folder of target files (default: ../targets)");
  cmd->add_option("--firmware", opts->firmware, "folder of <target>/runner.elf images");
  cmd->add_flag("--quiet", opts->quiet, "no progress lines on stderr");
  cmd->add_flag("--profile", opts->profile,
                "after the measurement, time every operator once (tr-prof) into the report");
  return [opts] {
    if (opts->workload.empty() == opts->suite.empty()) {
      std::fprintf(stderr, "tinyrack run: give exactly one of --workload or --suite\n");
      return kExitBadInput;
    }
    return run(*opts);
  };
}

}  // namespace tr::cli
