#include "cli/workload_selection.h"

namespace tr::cli {

harness::SuiteSpec selected_suite(const std::filesystem::path& workload,
                                  const std::filesystem::path& suite, std::uint32_t per_class) {
  harness::SuiteSpec spec;
  if (!suite.empty()) {
    spec = harness::load_suite(suite);
  } else {
    spec.name = "workload";
    spec.file = workload;
    harness::SuiteEntry entry;
    entry.workload = workload;
    entry.pointer = "(--workload)";
    spec.workloads.push_back(entry);
  }
  if (per_class > 0) {
    for (auto& entry : spec.workloads) entry.per_class = per_class;
  }
  return spec;
}

}  // namespace tr::cli
