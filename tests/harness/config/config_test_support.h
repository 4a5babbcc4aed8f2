// Shared helpers for the config tests: write mutated copies of committed files into a scratch
// folder, capture the ConfigError a load throws, and set environment variables for one scope.
#pragma once

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "config/config_error.h"

namespace tr::config::test {

inline nlohmann::json read_json(const std::filesystem::path& file) {
  std::ifstream in(file);
  REQUIRE(in.good());
  return nlohmann::json::parse(in);
}

inline std::filesystem::path write_text(const std::filesystem::path& file,
                                        const std::string& text) {
  std::filesystem::create_directories(file.parent_path());
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out << text;
  REQUIRE(out.good());
  return file;
}

inline std::filesystem::path write_json(const std::filesystem::path& file,
                                        const nlohmann::json& doc) {
  return write_text(file, doc.dump(2));
}

// Sets the value at `pointer`, or removes the key when `value` is nullopt.
inline void edit(nlohmann::json& doc, const std::string& pointer,
                 const std::optional<nlohmann::json>& value) {
  const nlohmann::json::json_pointer p(pointer);
  if (value) {
    doc[p] = *value;
  } else {
    doc[p.parent_pointer()].erase(p.back());
  }
}

// The message of the ConfigError `load` throws; fails the test when it throws none.
template <class F>
std::string config_error(F&& load) {
  try {
    load();
  } catch (const ConfigError& e) {
    return e.what();
  }
  FAIL("expected a ConfigError");
  return {};
}

// Sets (or unsets, for nullptr) one environment variable and restores it afterwards.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const char* value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    set(value);
  }
  ~ScopedEnv() { set(old_ ? old_->c_str() : nullptr); }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  void set(const char* value) {
    if (value) {
      ::setenv(name_.c_str(), value, 1);
    } else {
      ::unsetenv(name_.c_str());
    }
  }
  std::string name_;
  std::optional<std::string> old_;
};

}  // namespace tr::config::test
