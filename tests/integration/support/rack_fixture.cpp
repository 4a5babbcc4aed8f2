#include "support/rack_fixture.h"

#include <stdexcept>

#include "support/test_paths.h"

namespace tr::test {

config::RackSpec emulated_rack() {
  return config::load_rack(source_dir() / "racks" / "emulated.json", source_dir() / "targets");
}

const config::BoardSpec& board(const config::RackSpec& rack, const std::string& name) {
  const config::BoardSpec* b = rack.find_board(name);
  if (b == nullptr) throw std::runtime_error("emulated rack has no board " + name);
  return *b;
}

config::WorkloadSpec builder_workload(uint32_t iterations) {
  config::WorkloadSpec spec;
  spec.name = "builder-smoke";
  spec.file = source_dir() / "tests" / "integration" / "builder-smoke.json";
  config::BuilderRecipe recipe;
  recipe.builder = "fc-stack";
  recipe.seed = 7;
  recipe.layers = {96, 64, 16, 64, 96};
  spec.model.fallback = recipe;
  config::InputSpec p0, p2, rnd;
  p0.kind = p2.kind = config::InputSpec::Kind::pattern;
  p0.pattern = config::InputPattern::p0;
  p2.pattern = config::InputPattern::p2;
  rnd.kind = config::InputSpec::Kind::random;
  rnd.seed = 5;
  spec.inputs = {p0, p2, rnd};
  spec.infer.iterations = iterations;
  spec.infer.warmup = 1;
  return spec;
}

bool process_gone(int pid) {
  std::error_code ec;
  return !std::filesystem::exists("/proc/" + std::to_string(pid), ec);
}

}  // namespace tr::test
