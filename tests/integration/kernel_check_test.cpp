// Runs each board's kernel-check image under QEMU: the build's kernel set (dsp on Cortex-M4/M7,
// helium on Cortex-M55) against the reference kernels on random cases, on the target's own
// instruction set. The image prints its verdict and ends QEMU through semihosting.
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <regex>
#include <string>

#include "config/target_spec.h"
#include "support/child_process.h"
#include "support/test_paths.h"

namespace {

// run_child execs without a PATH search.
std::string qemu_path() {
  const char* path = std::getenv("PATH");
  std::string dirs = path != nullptr ? path : "/usr/bin";
  size_t start = 0;
  while (start <= dirs.size()) {
    const size_t end = std::min(dirs.find(':', start), dirs.size());
    const auto candidate =
        std::filesystem::path(dirs.substr(start, end - start)) / "qemu-system-arm";
    if (::access(candidate.c_str(), X_OK) == 0) return candidate.string();
    start = end + 1;
  }
  return "/usr/bin/qemu-system-arm";
}

void check_board(const std::string& target) {
  const auto spec =
      tr::config::load_target(tr::test::source_dir() / "targets" / (target + ".json"));
  const auto elf = tr::test::firmware_dir() / target / "kernel_check.elf";
  REQUIRE(std::filesystem::exists(elf));
  tr::test::ChildOptions options;
  options.limit = std::chrono::seconds(240);
  const auto result = tr::test::run_child(
      {qemu_path(), "-M", spec.emulation->machine, "-nographic", "-monitor", "none", "-serial",
       "stdio", "-icount", "shift=" + std::to_string(spec.emulation->icount_shift),
       "-semihosting-config", "enable=on,target=native", "-kernel", elf.string()},
      options);
  INFO(target << " stdout:\n" << result.out << "\nstderr:\n" << result.err);
  std::smatch m;
  const std::regex summary(R"(kernel-check (\w+): (\d+) cases, (\d+) mismatches)");
  REQUIRE(std::regex_search(result.out, m, summary));
  CHECK(m[1].str() == spec.firmware.kernels);
  CHECK(std::stoul(m[2].str()) >= 300);
  CHECK(m[3].str() == "0");
  CHECK(result.exit_status == 0);
}

}  // namespace

TEST_CASE("kernel check on qemu-m4 (Armv7E-M)", "[kernel_check]") {
  check_board("qemu-m4");
}

TEST_CASE("kernel check on qemu-m7 (Armv7E-M)", "[kernel_check]") {
  check_board("qemu-m7");
}

TEST_CASE("kernel check on qemu-m55 (Armv8.1-M with Helium)", "[kernel_check]") {
  check_board("qemu-m55");
}
