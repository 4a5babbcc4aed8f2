#include "debug/rsp_packet.h"

#include "debug/probe_error.h"

namespace tr::probe::rsp {
namespace {

constexpr char kHexDigits[] = "0123456789abcdef";
constexpr char kEscape = '}';
constexpr std::uint8_t kEscapeXor = 0x20;
constexpr int kRleBias = 29;  // count char code - 29 = extra copies (gdb-rsp.md §1.3)

[[noreturn]] void fail(const std::string& what) {
  throw ProbeError(ProbeErrc::protocol, what);
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool needs_escape(std::uint8_t b) {
  return b == '#' || b == '$' || b == '}' || b == '*';
}

}  // namespace

std::uint8_t checksum(std::string_view payload) {
  unsigned sum = 0;
  for (char c : payload) sum += static_cast<unsigned char>(c);
  return static_cast<std::uint8_t>(sum & 0xffu);
}

std::string frame(std::string_view payload) {
  const std::uint8_t cs = checksum(payload);
  std::string out;
  out.reserve(payload.size() + 4);
  out += '$';
  out += payload;
  out += '#';
  out += kHexDigits[cs >> 4];
  out += kHexDigits[cs & 0xf];
  return out;
}

std::string escape_binary(std::span<const std::uint8_t> bytes) {
  std::string out;
  out.reserve(bytes.size());
  for (std::uint8_t b : bytes) {
    if (needs_escape(b)) {
      out += kEscape;
      out += static_cast<char>(b ^ kEscapeXor);
    } else {
      out += static_cast<char>(b);
    }
  }
  return out;
}

std::vector<std::uint8_t> unescape_binary(std::string_view text) {
  std::vector<std::uint8_t> out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    auto b = static_cast<std::uint8_t>(text[i]);
    if (b == static_cast<std::uint8_t>(kEscape)) {
      if (i + 1 == text.size()) fail("binary data ends with a lone escape byte '}'");
      b = static_cast<std::uint8_t>(static_cast<std::uint8_t>(text[++i]) ^ kEscapeXor);
    }
    out.push_back(b);
  }
  return out;
}

std::string expand_rle(std::string_view payload) {
  std::string out;
  out.reserve(payload.size());
  for (std::size_t i = 0; i < payload.size(); ++i) {
    if (payload[i] != '*') {
      out += payload[i];
      continue;
    }
    if (out.empty()) fail("run-length marker '*' at offset 0 has nothing to repeat");
    if (i + 1 == payload.size()) {
      fail("run-length marker '*' at offset " + std::to_string(i) + " has no count character");
    }
    const int count = static_cast<unsigned char>(payload[++i]) - kRleBias;
    if (count < 0 || count > 126 - kRleBias) {
      fail("run-length count character at offset " + std::to_string(i) + " is out of range");
    }
    out.append(static_cast<std::size_t>(count), out.back());
  }
  return out;
}

std::string hex_encode(std::span<const std::uint8_t> bytes) {
  std::string out;
  out.reserve(bytes.size() * 2);
  for (std::uint8_t b : bytes) {
    out += kHexDigits[b >> 4];
    out += kHexDigits[b & 0xf];
  }
  return out;
}

std::string hex_encode(std::string_view text) {
  return hex_encode(std::span(reinterpret_cast<const std::uint8_t*>(text.data()), text.size()));
}

std::vector<std::uint8_t> hex_decode(std::string_view hex) {
  if (hex.size() % 2 != 0) {
    fail("hex data has an odd number of digits (" + std::to_string(hex.size()) + ")");
  }
  std::vector<std::uint8_t> out(hex.size() / 2);
  for (std::size_t i = 0; i < out.size(); ++i) {
    const int hi = hex_value(hex[2 * i]);
    const int lo = hex_value(hex[2 * i + 1]);
    if (hi < 0 || lo < 0) {
      fail("hex data has a non-hex character at offset " +
           std::to_string(hi < 0 ? 2 * i : 2 * i + 1));
    }
    out[i] = static_cast<std::uint8_t>(hi << 4 | lo);
  }
  return out;
}

std::string hex_decode_text(std::string_view hex) {
  const auto bytes = hex_decode(hex);
  return {bytes.begin(), bytes.end()};
}

std::string hex_number(std::uint64_t value) {
  if (value == 0) return "0";
  std::string out;
  for (; value != 0; value >>= 4) out.insert(out.begin(), kHexDigits[value & 0xf]);
  return out;
}

std::uint64_t parse_hex_number(std::string_view text) {
  if (text.empty()) fail("expected a hex number, got nothing");
  if (text.size() > 16) fail("hex number '" + std::string(text) + "' is longer than 64 bits");
  std::uint64_t value = 0;
  for (char c : text) {
    const int v = hex_value(c);
    if (v < 0) fail("expected a hex number, got '" + std::string(text) + "'");
    value = value << 4 | static_cast<std::uint64_t>(v);
  }
  return value;
}

bool is_error_reply(std::string_view payload) {
  if (payload.size() < 2 || payload[0] != 'E') return false;
  if (payload[1] == '.') return true;
  return payload.size() == 3 && hex_value(payload[1]) >= 0 && hex_value(payload[2]) >= 0;
}

std::string describe(std::string_view payload, std::size_t max) {
  if (payload.size() <= max) return std::string(payload);
  return std::string(payload.substr(0, max)) + "...(" + std::to_string(payload.size()) + " bytes)";
}

}  // namespace tr::probe::rsp
