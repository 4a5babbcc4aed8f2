// The workloads a command was asked for (--workload FILE or --suite FILE, plus --per-class N),
// always as a suite so run and evaluate treat one workload and many alike.
#pragma once

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <stdexcept>

#include "cli/commands.h"
#include "config/config_error.h"
#include "run/host_engine.h"
#include "run/suite_spec.h"

namespace tr::cli {

// Exactly one of `workload` and `suite` is non-empty. per_class > 0 sets every entry's subset.
// Throws config::ConfigError for a bad suite file.
harness::SuiteSpec selected_suite(const std::filesystem::path& workload,
                                  const std::filesystem::path& suite, std::uint32_t per_class);

// Runs `load` (reading and preparing the command's inputs). Bad input (a malformed file, a
// model the engine refuses, a metric undefined on the set) is printed as
// "tinyrack <command>: ..." and becomes kExitBadInput; nullopt when `load` succeeded.
template <typename Load>
std::optional<int> load_or_exit(const char* command, const std::filesystem::path& workload,
                                Load&& load) {
  try {
    load();
    return std::nullopt;
  } catch (const config::ConfigError& e) {
    std::fprintf(stderr, "tinyrack %s: %s\n", command, e.what());
  } catch (const harness::ModelError& e) {
    std::fprintf(stderr, "tinyrack %s: %s: %s\n", command, workload.c_str(), e.what());
  } catch (const std::invalid_argument& e) {
    std::fprintf(stderr, "tinyrack %s: %s\n", command, e.what());
  }
  return kExitBadInput;
}

}  // namespace tr::cli
