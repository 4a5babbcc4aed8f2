// Every workload of a suite prepared before anything runs: a workload that does not load, a
// model the host engine rejects, a subset on a workload without a dataset or two workloads of
// one name fail here, naming the suite file and entry.
#pragma once

#include <filesystem>
#include <optional>
#include <vector>

#include "run/prepared_workload.h"
#include "run/suite_spec.h"

namespace tr::harness {

// Throws config::ConfigError (the workload file's own errors keep naming that file; a model
// the host engine rejects is reported against the suite entry).
std::vector<PreparedWorkload> prepare_suite(
    const SuiteSpec& suite, const std::filesystem::path& repo_root,
    const std::optional<std::filesystem::path>& dataset_dir = std::nullopt);

// Pointers into `prepared`, the form run_suite and build_report take.
std::vector<const PreparedWorkload*> pointers(const std::vector<PreparedWorkload>& prepared);

}  // namespace tr::harness
