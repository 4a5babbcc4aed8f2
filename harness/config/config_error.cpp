#include "config/config_error.h"

#include <utility>

namespace tr::config {
namespace {

std::string shown(const std::string& location) {
  return location.empty() ? "(root)" : location;
}

}  // namespace

ConfigError::ConfigError(std::string source, std::string location, std::string what)
    : std::runtime_error(source + ": " + shown(location) + ": " + what),
      source_(std::move(source)),
      location_(std::move(location)),
      problem_(std::move(what)) {}

}  // namespace tr::config
