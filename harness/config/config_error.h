// The one error type of the config layer: every message names the file and the JSON pointer
// of the offending value so a user can go straight to it.
#pragma once

#include <stdexcept>
#include <string>

namespace tr::config {

class ConfigError : public std::runtime_error {
 public:
  // `source` is a file path (or "environment"); `location` a JSON pointer, "line L, column C"
  // or a variable name. An empty pointer (the document root) is shown as "(root)".
  ConfigError(std::string source, std::string location, std::string what);

  const std::string& source() const { return source_; }
  const std::string& location() const { return location_; }
  const std::string& problem() const { return problem_; }

 private:
  std::string source_;
  std::string location_;
  std::string problem_;
};

}  // namespace tr::config
