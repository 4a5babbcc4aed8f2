#include "cli/tool_paths.h"

#include <cstdlib>

namespace tr::cli {
namespace {
std::filesystem::path env_or(const char* name, const char* fallback) {
  const char* v = std::getenv(name);
  return (v != nullptr && *v != '\0') ? std::filesystem::path(v) : std::filesystem::path(fallback);
}
}  // namespace

std::filesystem::path source_root() {
  return env_or("TINYRACK_ROOT", TINYRACK_SOURCE_DIR);
}

std::filesystem::path default_firmware_dir() {
  return env_or("TINYRACK_FIRMWARE_DIR", TINYRACK_FIRMWARE_DIR);
}

std::filesystem::path default_targets_dir(const std::filesystem::path& rack_file) {
  return std::filesystem::absolute(rack_file).parent_path().parent_path() / "targets";
}

}  // namespace tr::cli
