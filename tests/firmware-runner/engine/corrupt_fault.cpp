#include "corrupt_fault.h"

#include <catch2/catch.hpp>
#include <memory>

#include "engine/interpreter.h"

namespace tr::test {
namespace {

ModelSpec changed(ModelSpec m, const Change& change) {
  change(m);
  return m;
}

}  // namespace

void check_fault(const Fault& f) {
  INFO(f.what);
  const std::vector<uint8_t> model = f.model.build();
  std::vector<uint8_t> arena(64 * 1024);
  auto interp = std::make_unique<engine::Interpreter>(arena.data(), 64 * 1024);
  ErrorText err;
  const Status s = interp->load(model.data(), static_cast<uint32_t>(model.size()), err);
  INFO("error: " << err.c_str());
  CHECK(s == f.status);
  for (const std::string& n : f.needles) CHECK_THAT(err.c_str(), Catch::Matchers::Contains(n));
}

ModelSpec fc(const Change& c) {
  return changed(fc_reshape_model(), c);
}

ModelSpec conv(const Change& c) {
  return changed(conv_model(), c);
}

ModelSpec elementwise(const Change& c) {
  return changed(elementwise_model(), c);
}

}  // namespace tr::test
