#include "debug/rsp_memory_map.h"

#include <algorithm>
#include <cctype>
#include <optional>

#include "debug/probe_error.h"
#include "debug/rsp_packet.h"

namespace tr::probe::rsp {
namespace {

[[noreturn]] void fail(const std::string& what, std::size_t offset) {
  throw ProbeError(ProbeErrc::protocol,
                   "memory map: " + what + " (at offset " + std::to_string(offset) + ")");
}

std::uint64_t parse_number(std::string_view text, const std::string& what, std::size_t offset) {
  std::string_view digits = text;
  int base = 10;
  if (digits.starts_with("0x") || digits.starts_with("0X")) {
    digits.remove_prefix(2);
    base = 16;
  }
  if (digits.empty() || digits.size() > 16)
    fail(what + " '" + std::string(text) + "' is not a number", offset);
  std::uint64_t value = 0;
  for (char c : digits) {
    int d = -1;
    if (c >= '0' && c <= '9') d = c - '0';
    if (base == 16 && c >= 'a' && c <= 'f') d = c - 'a' + 10;
    if (base == 16 && c >= 'A' && c <= 'F') d = c - 'A' + 10;
    if (d < 0) fail(what + " '" + std::string(text) + "' is not a number", offset);
    value = value * static_cast<std::uint64_t>(base) + static_cast<std::uint64_t>(d);
  }
  return value;
}

// The value of attribute `name` inside a start tag's text, if present.
std::optional<std::string_view> attribute(std::string_view tag, std::string_view name) {
  for (std::size_t at = tag.find(name); at != std::string_view::npos; at = tag.find(name, at + 1)) {
    const bool starts_word = at > 0 && std::isspace(static_cast<unsigned char>(tag[at - 1]));
    std::size_t i = at + name.size();
    while (i < tag.size() && std::isspace(static_cast<unsigned char>(tag[i]))) ++i;
    if (!starts_word || i >= tag.size() || tag[i] != '=') continue;
    ++i;
    while (i < tag.size() && std::isspace(static_cast<unsigned char>(tag[i]))) ++i;
    if (i >= tag.size() || (tag[i] != '"' && tag[i] != '\'')) return std::nullopt;
    const std::size_t close = tag.find(tag[i], i + 1);
    if (close == std::string_view::npos) return std::nullopt;
    return tag.substr(i + 1, close - i - 1);
  }
  return std::nullopt;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

MemoryRegion::Type parse_type(std::string_view type, std::size_t offset) {
  if (type == "ram") return MemoryRegion::Type::ram;
  if (type == "rom") return MemoryRegion::Type::rom;
  if (type == "flash") return MemoryRegion::Type::flash;
  fail("<memory> has unknown type '" + std::string(type) + "' (expected ram, rom or flash)",
       offset);
}

// Reads one <memory ...> element starting at `at` (its '<'); returns the offset after it.
std::size_t parse_memory(std::string_view xml, std::size_t at, std::vector<MemoryRegion>& out) {
  const std::size_t tag_end = xml.find('>', at);
  if (tag_end == std::string_view::npos) fail("unterminated <memory> tag", at);
  std::string_view tag = xml.substr(at, tag_end - at);
  const bool self_closing = tag.ends_with("/");
  MemoryRegion region;
  const auto type = attribute(tag, "type");
  const auto start = attribute(tag, "start");
  const auto length = attribute(tag, "length");
  if (!type || !start || !length) fail("<memory> lacks a type, start or length attribute", at);
  region.type = parse_type(*type, at);
  region.start = parse_number(*start, "start", at);
  region.length = parse_number(*length, "length", at);
  if (region.length == 0) fail("<memory> at " + std::string(*start) + " has length 0", at);
  std::size_t next = tag_end + 1;
  if (!self_closing) {
    const std::size_t close = xml.find("</memory>", next);
    if (close == std::string_view::npos) fail("<memory> without </memory>", at);
    const std::string_view body = xml.substr(next, close - next);
    for (std::size_t p = body.find("<property"); p != std::string_view::npos;
         p = body.find("<property", p + 1)) {
      const std::size_t p_end = body.find('>', p);
      const std::size_t p_close = body.find("</property>", p);
      if (p_end == std::string_view::npos || p_close == std::string_view::npos || p_close < p_end) {
        fail("malformed <property> element", next + p);
      }
      if (attribute(body.substr(p, p_end - p), "name") == "blocksize") {
        region.blocksize =
            parse_number(trim(body.substr(p_end + 1, p_close - p_end - 1)), "blocksize", next + p);
      }
    }
    next = close + 9;
  }
  if (region.type == MemoryRegion::Type::flash && region.blocksize == 0) {
    fail("flash region at " + std::string(*start) + " has no positive blocksize property", at);
  }
  out.push_back(region);
  return next;
}

}  // namespace

std::vector<MemoryRegion> parse_memory_map(std::string_view xml) {
  if (xml.find("<memory-map") == std::string_view::npos) fail("no <memory-map> element", 0);
  std::vector<MemoryRegion> map;
  for (std::size_t at = 0; (at = xml.find('<', at)) != std::string_view::npos;) {
    if (xml.substr(at).starts_with("<!--")) {
      const std::size_t end = xml.find("-->", at);
      if (end == std::string_view::npos) fail("unterminated comment", at);
      at = end + 3;
    } else if (xml.substr(at).starts_with("<memory") && at + 7 < xml.size() &&
               std::isspace(static_cast<unsigned char>(xml[at + 7]))) {
      at = parse_memory(xml, at, map);
    } else {
      ++at;
    }
  }
  std::sort(map.begin(), map.end(), [](auto& a, auto& b) { return a.start < b.start; });
  for (std::size_t i = 1; i < map.size(); ++i) {
    if (map[i].start < map[i - 1].end()) {
      fail("regions at 0x" + hex_number(map[i - 1].start) + " and 0x" + hex_number(map[i].start) +
               " overlap",
           0);
    }
  }
  return map;
}

const MemoryRegion* find_region(const std::vector<MemoryRegion>& map, std::uint64_t address) {
  for (const auto& region : map) {
    if (region.contains(address)) return &region;
  }
  return nullptr;
}

std::string to_string(MemoryRegion::Type type) {
  switch (type) {
    case MemoryRegion::Type::ram:
      return "ram";
    case MemoryRegion::Type::rom:
      return "rom";
    case MemoryRegion::Type::flash:
      return "flash";
  }
  return "?";
}

}  // namespace tr::probe::rsp
