#include "run/prepared_suite.h"

#include "config/config_error.h"
#include "run/host_engine.h"

namespace tr::harness {

std::vector<PreparedWorkload> prepare_suite(
    const SuiteSpec& suite, const std::filesystem::path& repo_root,
    const std::optional<std::filesystem::path>& dataset_dir) {
  const std::string file = suite.file.string();
  std::vector<PreparedWorkload> prepared;
  for (const SuiteEntry& entry : suite.workloads) {
    const config::WorkloadSpec spec = config::load_workload(entry.workload);
    if (entry.per_class && !spec.dataset) {
      throw config::ConfigError(file, entry.pointer + "/subset",
                                "workload " + spec.name + " has no dataset to take a subset of");
    }
    for (const PreparedWorkload& other : prepared) {
      if (other.spec.name == spec.name) {
        throw config::ConfigError(
            file, entry.pointer + "/workload",
            "a second workload named '" + spec.name + "' (results are keyed by workload name)");
      }
    }
    PrepareOptions options;
    options.per_class = entry.per_class;
    if (spec.dataset) options.dataset_dir = dataset_dir;
    try {
      prepared.push_back(prepare_workload(spec, repo_root, options));
    } catch (const ModelError& e) {
      throw config::ConfigError(file, entry.pointer + "/workload",
                                entry.workload.string() + ": " + e.what());
    }
  }
  return prepared;
}

std::vector<const PreparedWorkload*> pointers(const std::vector<PreparedWorkload>& prepared) {
  std::vector<const PreparedWorkload*> out;
  for (const PreparedWorkload& w : prepared) out.push_back(&w);
  return out;
}

}  // namespace tr::harness
