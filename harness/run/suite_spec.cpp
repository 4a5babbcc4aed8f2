#include "run/suite_spec.h"

#include "config/json_node.h"

namespace tr::harness {
namespace {

constexpr std::uint64_t kMaxPerClass = 1'000'000;

}  // namespace

SuiteSpec load_suite(const std::filesystem::path& file) {
  const auto root = config::JsonNode::load(file);
  root.expect_object({"name", "description", "workloads"});
  const auto dir = std::filesystem::absolute(file).parent_path();
  SuiteSpec s;
  s.file = file;
  s.name = root["name"].identifier();
  if (auto d = root.find("description")) s.description = d->string();
  const auto list = root["workloads"];
  if (list.array_size() == 0) list.fail("a suite needs at least one workload");
  for (std::size_t i = 0; i < list.array_size(); ++i) {
    const auto item = list[i];
    item.expect_object({"workload", "subset"});
    SuiteEntry e;
    e.pointer = item.pointer();
    const auto path = item["workload"];
    std::filesystem::path p = path.nonempty_string();
    e.workload = p.is_absolute() ? p : (dir / p).lexically_normal();
    std::error_code ec;
    if (!std::filesystem::is_regular_file(e.workload, ec)) {
      path.fail("workload file " + e.workload.string() + " does not exist");
    }
    for (const SuiteEntry& other : s.workloads) {
      if (other.workload == e.workload)
        path.fail("workload listed twice (also " + other.pointer + ")");
    }
    if (auto subset = item.find("subset")) {
      subset->expect_object({"per_class"});
      e.per_class =
          static_cast<std::uint32_t>((*subset)["per_class"].unsigned_integer(1, kMaxPerClass));
    }
    s.workloads.push_back(std::move(e));
  }
  return s;
}

}  // namespace tr::harness
