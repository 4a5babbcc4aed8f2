// `tinyrack evaluate`: a dataset workload (or every workload of a suite) through the host
// engine only, scored with the workload's metric; for the training tools and for users without
// boards. Prints the metric and a per-class table, or one JSON object with --json.
#include <cstdio>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "cli/accuracy_table.h"
#include "cli/commands.h"
#include "cli/tool_paths.h"
#include "cli/workload_selection.h"
#include "config/config_error.h"
#include "run/host_engine.h"
#include "run/prepared_suite.h"

namespace tr::cli {
namespace {

struct EvaluateOptions {
  std::filesystem::path workload, suite, dataset;
  std::uint32_t per_class = 0;
  bool json = false;
};

int evaluate(const EvaluateOptions& o) {
  std::vector<harness::PreparedWorkload> prepared;
  // An undefined metric (an AUC over files of one class) is bad input too.
  const auto failed = load_or_exit("evaluate", o.workload, [&] {
    const harness::SuiteSpec suite = selected_suite(o.workload, o.suite, o.per_class);
    std::optional<std::filesystem::path> dataset;
    if (!o.dataset.empty()) dataset = o.dataset;
    prepared = harness::prepare_suite(suite, source_root(), dataset);
    for (size_t i = 0; i < prepared.size(); ++i) {
      if (!prepared[i].dataset) {
        throw config::ConfigError(prepared[i].spec.file.string(), "(root)",
                                  "workload " + prepared[i].spec.name +
                                      " has no 'dataset', so there is nothing to evaluate");
      }
    }
  });
  if (failed) return *failed;
  if (o.json) {
    nlohmann::json out{{"workloads", nlohmann::json::array()}};
    if (!o.suite.empty()) out["suite"] = o.suite.string();
    for (const auto& w : prepared) out["workloads"].push_back(evaluation_json(w));
    std::printf("%s\n", out.dump(2).c_str());
  } else {
    for (const auto& w : prepared) print_evaluation(w, stdout);
  }
  return kExitOk;
}

}  // namespace

std::function<int()> add_evaluate_command(CLI::App& app) {
  auto opts = std::make_shared<EvaluateOptions>();
  CLI::App* cmd = app.add_subcommand(
      "evaluate", "Score a dataset workload (or a suite) with the host engine only, no boards");
  auto* workload =
      cmd->add_option("--workload", opts->workload, "workload file with a 'dataset' section")
          ->check(CLI::ExistingFile);
  auto* suite = cmd->add_option("--suite", opts->suite, "suite file (workloads/standard.json)")
                    ->check(CLI::ExistingFile);
  workload->excludes(suite);
  cmd->add_option("--dataset", opts->dataset,
                  "dataset folder (y_labels.csv + .bin files, or one subfolder per workload "
                  "name); overrides the workloads' dataset.path")
      ->check(CLI::ExistingDirectory);
  cmd->add_option("--per-class", opts->per_class,
                  "only the first N files of each class (y_labels.csv order)")
      ->check(CLI::PositiveNumber);
  cmd->add_flag("--json", opts->json, "print one JSON object instead of tables");
  return [opts] {
    if (opts->workload.empty() == opts->suite.empty()) {
      std::fprintf(stderr, "tinyrack evaluate: give exactly one of --workload or --suite\n");
      return kExitBadInput;
    }
    return evaluate(*opts);
  };
}

}  // namespace tr::cli
