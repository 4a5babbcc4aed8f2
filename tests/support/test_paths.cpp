#include "support/test_paths.h"

#include <atomic>
#include <cstdlib>
#include <string>
#include <unistd.h>

namespace tr::test {

std::filesystem::path source_dir() { return TINYRACK_SOURCE_DIR; }
std::filesystem::path binary_dir() { return TINYRACK_BINARY_DIR; }
std::filesystem::path firmware_dir() { return TINYRACK_FIRMWARE_DIR; }

std::optional<std::filesystem::path> mlperf_models_dir() {
  if (const char* env = std::getenv("TINYRACK_MLPERF_MODELS"); env != nullptr && *env != '\0') {
    std::filesystem::path p(env);
    if (std::filesystem::is_directory(p)) return p;
    return std::nullopt;
  }
  auto p = source_dir().parent_path() / "shared" / "mlperf-tiny" / "models";
  if (std::filesystem::is_directory(p)) return p;
  return std::nullopt;
}

std::filesystem::path scratch_dir(const char* name) {
  static std::atomic<int> counter{0};
  auto dir = binary_dir() / "test-scratch" /
             (std::string(name) + "-" + std::to_string(::getpid()) + "-" +
              std::to_string(counter++));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

}  // namespace tr::test
