// A suite file (workloads/standard.json, workloads/demo.json): a named list of workload files
// run together into one report, each optionally restricted to a subset of its dataset.
//
//   {"name": "demo", "description": "...",
//    "workloads": [{"workload": "keyword/workload.json", "subset": {"per_class": 8}}, ...]}
//
// Workload paths are relative to the suite file. `subset.per_class` N takes the first N files
// of each class in y_labels.csv order (stable; a class with fewer files gives all of them).
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace tr::harness {

struct SuiteEntry {
  std::filesystem::path workload;          // absolute
  std::optional<std::uint32_t> per_class;  // subset
  std::string pointer;                     // "/workloads/<i>", for errors about this entry
};

struct SuiteSpec {
  std::string name;
  std::string description;
  std::filesystem::path file;
  std::vector<SuiteEntry> workloads;
};

// Throws config::ConfigError naming the file and JSON pointer (unknown keys, an empty list, a
// workload file that does not exist, the same workload twice).
SuiteSpec load_suite(const std::filesystem::path& file);

}  // namespace tr::harness
