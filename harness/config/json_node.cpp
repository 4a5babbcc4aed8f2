#include "config/json_node.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <fstream>
#include <sstream>
#include <utility>

#include "config/config_error.h"

namespace tr::config {
namespace {

using nlohmann::json;

std::string join(std::initializer_list<std::string_view> items) {
  std::vector<std::string> sorted(items.begin(), items.end());
  std::sort(sorted.begin(), sorted.end());
  std::string out;
  for (const auto& item : sorted) out += (out.empty() ? "" : ", ") + item;
  return out;
}

// nlohmann reports "parse error at line L, column C: <detail>"; keep position and detail apart
// so the position takes the pointer's place in the message.
std::pair<std::string, std::string> split_parse_error(const std::string& message) {
  const auto at = message.find("at line ");
  const auto colon = message.find(": ", at == std::string::npos ? 0 : at);
  if (at == std::string::npos || colon == std::string::npos) return {"(root)", message};
  return {message.substr(at + 3, colon - at - 3), "invalid JSON: " + message.substr(colon + 2)};
}

}  // namespace

JsonNode::JsonNode(std::shared_ptr<const json> root, std::shared_ptr<const std::string> source,
                   json::json_pointer pointer, const json* value)
    : root_(std::move(root)),
      source_(std::move(source)),
      pointer_(std::move(pointer)),
      value_(value) {}

JsonNode JsonNode::load(const std::filesystem::path& file) {
  const std::string source = file.string();
  std::ifstream in(file, std::ios::binary);
  if (!in) throw ConfigError(source, "(file)", "cannot open file");
  std::ostringstream text;
  text << in.rdbuf();
  json document;
  try {
    document = json::parse(text.str());
  } catch (const json::parse_error& e) {
    auto [position, detail] = split_parse_error(e.what());
    throw ConfigError(source, position, detail);
  }
  return from_json(std::move(document), source);
}

JsonNode JsonNode::from_json(json document, std::string source) {
  auto root = std::make_shared<const json>(std::move(document));
  const json* value = root.get();
  return JsonNode(std::move(root), std::make_shared<const std::string>(std::move(source)),
                  json::json_pointer(), value);
}

void JsonNode::fail(const std::string& what) const {
  throw ConfigError(*source_, pointer_.to_string(), what);
}

void JsonNode::fail_unknown(std::string_view what, const std::string& value,
                            std::vector<std::string> known) const {
  std::sort(known.begin(), known.end());
  std::string list;
  for (const auto& name : known) list += (list.empty() ? "" : ", ") + name;
  fail("unknown " + std::string(what) + " '" + value + "' (known: " + list + ")");
}

const char* JsonNode::type_name() const {
  switch (value_->type()) {
    case json::value_t::null:
      return "null";
    case json::value_t::object:
      return "an object";
    case json::value_t::array:
      return "an array";
    case json::value_t::string:
      return "a string";
    case json::value_t::boolean:
      return "a boolean";
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
      return "an integer";
    case json::value_t::number_float:
      return "a number";
    default:
      return "an unsupported value";
  }
}

void JsonNode::expect_object(std::initializer_list<std::string_view> allowed) const {
  if (!value_->is_object()) fail(std::string("expected an object, got ") + type_name());
  for (const auto& item : value_->items()) {
    if (std::find(allowed.begin(), allowed.end(), item.key()) != allowed.end()) continue;
    throw ConfigError(*source_, (pointer_ / item.key()).to_string(),
                      "unknown key '" + item.key() + "' (allowed: " + join(allowed) + ")");
  }
}

std::optional<JsonNode> JsonNode::find(std::string_view key) const {
  if (!value_->is_object()) fail(std::string("expected an object, got ") + type_name());
  auto it = value_->find(key);
  if (it == value_->end()) return std::nullopt;
  return JsonNode(root_, source_, pointer_ / std::string(key), &*it);
}

JsonNode JsonNode::operator[](std::string_view key) const {
  auto child = find(key);
  if (!child) fail("missing required key '" + std::string(key) + "'");
  return *child;
}

std::size_t JsonNode::array_size() const {
  if (!value_->is_array()) fail(std::string("expected an array, got ") + type_name());
  return value_->size();
}

JsonNode JsonNode::operator[](std::size_t index) const {
  if (index >= array_size()) fail("index " + std::to_string(index) + " is past the end");
  return JsonNode(root_, source_, pointer_ / index, &(*value_)[index]);
}

std::string JsonNode::string() const {
  if (!value_->is_string()) fail(std::string("expected a string, got ") + type_name());
  return value_->get<std::string>();
}

std::string JsonNode::nonempty_string() const {
  auto s = string();
  if (s.empty()) fail("must not be empty");
  return s;
}

std::string JsonNode::identifier() const {
  auto s = nonempty_string();
  const bool ok = std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
  if (!ok) fail("'" + s + "' is not a valid name (use lowercase letters, digits and '-')");
  return s;
}

bool JsonNode::boolean() const {
  if (!value_->is_boolean()) fail(std::string("expected a boolean, got ") + type_name());
  return value_->get<bool>();
}

std::uint64_t JsonNode::unsigned_integer(std::uint64_t min, std::uint64_t max) const {
  const std::string range = " (allowed " + std::to_string(min) + ".." + std::to_string(max) + ")";
  if (value_->is_number_integer() && !value_->is_number_unsigned()) {
    fail("value " + value_->dump() + " is out of range" + range);
  }
  if (!value_->is_number_unsigned()) fail(std::string("expected an integer, got ") + type_name());
  const auto v = value_->get<std::uint64_t>();
  if (v < min || v > max) fail("value " + std::to_string(v) + " is out of range" + range);
  return v;
}

double JsonNode::number(double min_exclusive, double max_inclusive) const {
  if (!value_->is_number()) fail(std::string("expected a number, got ") + type_name());
  const auto v = value_->get<double>();
  if (!std::isfinite(v) || v <= min_exclusive || v > max_inclusive) {
    std::ostringstream range;
    range << "value " << value_->dump() << " is out of range (must be > " << min_exclusive
          << " and <= " << max_inclusive << ")";
    fail(range.str());
  }
  return v;
}

std::uint32_t JsonNode::hex_u32() const {
  const auto s = string();
  const bool prefixed = s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X');
  const auto digits = prefixed ? std::string_view(s).substr(2) : std::string_view();
  const bool hex = !digits.empty() && digits.size() <= 8 &&
                   std::all_of(digits.begin(), digits.end(),
                               [](char c) { return std::isxdigit(static_cast<unsigned char>(c)); });
  if (!hex) fail("'" + s + "' is not a 32-bit hex number (expected e.g. \"0x20000000\")");
  return static_cast<std::uint32_t>(std::stoul(std::string(digits), nullptr, 16));
}

std::vector<std::string> JsonNode::strings() const {
  std::vector<std::string> out;
  const auto n = array_size();
  for (std::size_t i = 0; i < n; ++i) out.push_back((*this)[i].nonempty_string());
  return out;
}

}  // namespace tr::config
