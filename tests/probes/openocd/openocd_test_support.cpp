#include "openocd_test_support.h"

#include <unistd.h>

#include <fstream>

#include "debug/probe_error.h"
#include "support/test_paths.h"

namespace tr::probe::test {

bool have_openocd() {
  try {
    ServerProcess::resolve_program("openocd");
    return true;
  } catch (const ProbeError&) {
    return false;
  }
}

OpenOcdLaunchSpec dummy_openocd_spec(const char* scratch_name) {
  OpenOcdLaunchSpec spec;
  spec.config_args = {"-c", "adapter driver dummy", "-c", "adapter speed 1000"};
  spec.stderr_path = tr::test::scratch_dir(scratch_name) / "openocd.log";
  std::filesystem::remove(spec.stderr_path);
  return spec;
}

bool process_exists(int pid) {
  return std::filesystem::exists("/proc/" + std::to_string(pid));
}

std::size_t child_openocd_count() {
  std::size_t count = 0;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator("/proc", ec)) {
    std::ifstream stat(entry.path() / "stat");
    std::string pid, comm, state;
    long ppid = 0;
    // "<pid> (<comm>) <state> <ppid> ..."; openocd's comm has no spaces.
    if (!(stat >> pid >> comm >> state >> ppid)) continue;
    if (comm == "(openocd)" && ppid == ::getpid()) ++count;
  }
  return count;
}

}  // namespace tr::probe::test
