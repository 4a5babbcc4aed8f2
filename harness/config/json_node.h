// A read-only view of one value in a parsed JSON file that knows where it is (file + JSON
// pointer), so every type, range or key error names its exact place. Loaders walk a document
// with it once and build typed structs; raw json never leaves this layer.
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <initializer_list>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tr::config {

class JsonNode {
 public:
  // Reads and parses `file`; unreadable files and syntax errors become ConfigError (the
  // latter with line and column).
  static JsonNode load(const std::filesystem::path& file);
  // Wraps an already-parsed document; `source` names it in errors.
  static JsonNode from_json(nlohmann::json document, std::string source);

  const std::string& source() const { return *source_; }
  std::string pointer() const { return pointer_.to_string(); }

  [[noreturn]] void fail(const std::string& what) const;
  // "unknown <what> '<value>' (known: a, b, c)", the known names sorted.
  [[noreturn]] void fail_unknown(std::string_view what, const std::string& value,
                                 std::vector<std::string> known) const;

  // Objects. `expect_object` fails on any key outside `allowed` (naming it and the allowed set).
  void expect_object(std::initializer_list<std::string_view> allowed) const;
  JsonNode operator[](std::string_view key) const;  // required key
  std::optional<JsonNode> find(std::string_view key) const;

  // Arrays.
  std::size_t array_size() const;
  JsonNode operator[](std::size_t index) const;

  // Scalars, each checked for type and range.
  std::string string() const;
  std::string nonempty_string() const;
  // A name of [a-z0-9-]+ (board, target, rack names: they become file and folder names).
  std::string identifier() const;
  bool boolean() const;
  std::uint64_t unsigned_integer(std::uint64_t min, std::uint64_t max) const;
  double number(double min_exclusive, double max_inclusive) const;
  // "0x" followed by 1-8 hex digits: a 32-bit address or length.
  std::uint32_t hex_u32() const;
  std::vector<std::string> strings() const;

  // A string naming one of `choices`; `what` names the kind of thing in the error.
  template <class E, std::size_t N>
  E one_of(const std::array<std::pair<std::string_view, E>, N>& choices,
           std::string_view what) const {
    const auto s = string();
    std::vector<std::string> known;
    for (const auto& [name, value] : choices) {
      if (name == s) return value;
      known.emplace_back(name);
    }
    fail_unknown(what, s, std::move(known));
  }

 private:
  JsonNode(std::shared_ptr<const nlohmann::json> root, std::shared_ptr<const std::string> source,
           nlohmann::json::json_pointer pointer, const nlohmann::json* value);
  const char* type_name() const;

  std::shared_ptr<const nlohmann::json> root_;  // keeps value_ alive
  std::shared_ptr<const std::string> source_;
  nlohmann::json::json_pointer pointer_;
  const nlohmann::json* value_;
};

}  // namespace tr::config
