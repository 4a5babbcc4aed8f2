// The `tinyrack` subcommands. Each returns the process exit status: 0 success, 1 a board or
// check failed, 2 bad input (a malformed rack, workload, model or argument).
#pragma once

#include <CLI/CLI.hpp>
#include <functional>

namespace tr::cli {

constexpr int kExitOk = 0;
constexpr int kExitFailed = 1;
constexpr int kExitBadInput = 2;

// Each adds its subcommand to `app` and returns the function that runs it once parsed.
std::function<int()> add_run_command(CLI::App& app);
std::function<int()> add_infer_command(CLI::App& app);
std::function<int()> add_profile_command(CLI::App& app);
std::function<int()> add_evaluate_command(CLI::App& app);
std::function<int()> add_simulate_command(CLI::App& app);
std::function<int()> add_monitors_command(CLI::App& app);
std::function<int()> add_measure_command(CLI::App& app);
std::function<int()> add_probes_command(CLI::App& app);

}  // namespace tr::cli
