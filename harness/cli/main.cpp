// tinyrack: run benchmark workloads on a rack of boards (emulated or real) and report.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <exception>

#include "cli/commands.h"

namespace {

int run_cli(int argc, char** argv) {
  CLI::App app{"tinyrack: hardware-in-the-loop benchmarks for TinyML"};
  app.require_subcommand(1);
  auto run = tr::cli::add_run_command(app);
  auto infer = tr::cli::add_infer_command(app);
  auto profile = tr::cli::add_profile_command(app);
  auto evaluate = tr::cli::add_evaluate_command(app);
  auto simulate = tr::cli::add_simulate_command(app);
  auto monitors = tr::cli::add_monitors_command(app);
  auto measure = tr::cli::add_measure_command(app);
  auto probes = tr::cli::add_probes_command(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int status = app.exit(e);
    return status == 0 ? 0 : tr::cli::kExitBadInput;
  }
  if (app.got_subcommand("run")) return run();
  if (app.got_subcommand("infer")) return infer();
  if (app.got_subcommand("profile")) return profile();
  if (app.got_subcommand("evaluate")) return evaluate();
  if (app.got_subcommand("simulate")) return simulate();
  if (app.got_subcommand("monitors")) return monitors();
  if (app.got_subcommand("measure")) return measure();
  if (app.got_subcommand("probes")) return probes();
  return tr::cli::kExitBadInput;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run_cli(argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "tinyrack: %s\n", e.what());
  } catch (...) {
    std::fprintf(stderr, "tinyrack: unexpected error\n");
  }
  return tr::cli::kExitFailed;
}
