#include "openocd/tcl_memory.h"

#include <cctype>

#include "debug/probe_error.h"
#include "debug/rsp_packet.h"
#include "openocd/tcl_script.h"

namespace tr::probe::tcl {
namespace {

std::string hex_address(std::uint64_t address) {
  return "0x" + rsp::hex_number(address);
}

[[noreturn]] void bad_result(std::uint32_t address, std::size_t count, const std::string& why,
                             std::string_view result) {
  throw ProbeError(ProbeErrc::protocol, "OpenOCD's result for 'read_memory " +
                                            hex_address(address) + " 8 " + std::to_string(count) +
                                            "' " + why + " (result starts '" + describe(result) +
                                            "')");
}

}  // namespace

std::string read_memory_command(std::uint32_t address, std::size_t count) {
  return "read_memory " + hex_address(address) + " 8 " + std::to_string(count);
}

std::string write_memory_command(std::uint32_t address, std::span<const std::uint8_t> bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out = "write_memory " + hex_address(address) + " 8 {";
  out.reserve(out.size() + bytes.size() * 5 + 1);
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    if (i != 0) out += ' ';
    out += "0x";
    out += kDigits[bytes[i] >> 4];
    out += kDigits[bytes[i] & 0xf];
  }
  out += '}';
  return out;
}

std::vector<std::uint8_t> parse_read_memory(std::string_view result, std::uint32_t address,
                                            std::size_t count) {
  std::vector<std::uint8_t> out;
  out.reserve(count);
  std::size_t i = 0;
  for (;;) {
    while (i < result.size() && std::isspace(static_cast<unsigned char>(result[i]))) ++i;
    if (i == result.size()) break;
    std::size_t end = i;
    while (end < result.size() && !std::isspace(static_cast<unsigned char>(result[end]))) ++end;
    const std::string_view word = result.substr(i, end - i);
    const std::string where =
        "element " + std::to_string(out.size()) + " ('" + std::string(word.substr(0, 20)) + "')";
    if (out.size() == count) {
      bad_result(address, count, "has more than " + std::to_string(count) + " values", result);
    }
    if (!word.starts_with("0x") || word.size() < 3) {
      bad_result(address, count, where + " is not a 0x hex number", result);
    }
    std::uint64_t value = 0;
    try {
      value = rsp::parse_hex_number(word.substr(2));
    } catch (const ProbeError&) {
      bad_result(address, count, where + " is not a 0x hex number", result);
    }
    if (value > 0xff) bad_result(address, count, where + " does not fit a byte", result);
    out.push_back(static_cast<std::uint8_t>(value));
    i = end;
  }
  if (out.size() != count) {
    bad_result(address, count,
               "has " + std::to_string(out.size()) + " values, not " + std::to_string(count),
               result);
  }
  return out;
}

}  // namespace tr::probe::tcl
