#include "openocd/tcl_script.h"

#include "debug/probe_error.h"
#include "openocd/tcl_frame_decoder.h"

namespace tr::probe::tcl {
namespace {

constexpr std::string_view kHead = "if {[catch {";
constexpr std::string_view kTail = "} r]} {set r \"ERR:$r\"} else {set r \"OK:$r\"}";
constexpr std::string_view kOk = "OK:";
constexpr std::string_view kErr = "ERR:";

[[noreturn]] void reject(std::string_view script, const std::string& why) {
  throw ProbeError(ProbeErrc::protocol, "Tcl command '" + describe(script) +
                                            "' cannot be sent: " + why + "; fix the command text");
}

std::string char_name(char c) {
  static constexpr char kDigits[] = "0123456789abcdef";
  const auto b = static_cast<unsigned char>(c);
  if (b >= 0x20 && b < 0x7f) return std::string("'") + c + "'";
  return std::string("byte 0x") + kDigits[b >> 4] + kDigits[b & 0xf];
}

}  // namespace

void check_script(std::string_view script) {
  if (script.size() + kHead.size() + kTail.size() > kMaxFrame) {
    reject(script, "it is " + std::to_string(script.size()) + " bytes, over OpenOCD's 4 MiB line");
  }
  long depth = 0;
  for (std::size_t i = 0; i < script.size(); ++i) {
    const char c = script[i];
    if (c == kTerminator || c == '\0') {
      reject(script, char_name(c) + " at offset " + std::to_string(i) + " would cut the frame");
    }
    if (c == '\\') {
      if (i + 1 == script.size()) reject(script, "it ends with a lone backslash");
      ++i;
    } else if (c == '{') {
      ++depth;
    } else if (c == '}' && --depth < 0) {
      reject(script, "unbalanced '}' at offset " + std::to_string(i));
    }
  }
  if (depth != 0) reject(script, std::to_string(depth) + " unclosed '{'");
}

std::string wrap(std::string_view script) {
  check_script(script);
  std::string out;
  out.reserve(kHead.size() + script.size() + kTail.size());
  out.append(kHead).append(script).append(kTail);
  return out;
}

WrappedReply parse_reply(std::string_view reply, std::string_view script) {
  if (reply.starts_with(kOk)) return {true, std::string(reply.substr(kOk.size()))};
  if (reply.starts_with(kErr)) return {false, std::string(reply.substr(kErr.size()))};
  throw ProbeError(ProbeErrc::protocol, "OpenOCD's reply to '" + describe(script) +
                                            "' lacks the OK:/ERR: status of the wrapper: '" +
                                            describe(reply) +
                                            "'; is the port really OpenOCD's Tcl server?");
}

std::string brace(std::string_view text, std::string_view what) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const auto b = static_cast<unsigned char>(c);
    if (c == '{' || c == '}' || c == '\\' || b < 0x20 || b == 0x7f) {
      throw ProbeError(ProbeErrc::protocol,
                       std::string(what) + " '" + describe(text) + "' contains " + char_name(c) +
                           " at offset " + std::to_string(i) +
                           ", which cannot be quoted safely for OpenOCD's Tcl; rename it");
    }
  }
  return "{" + std::string(text) + "}";
}

std::string describe(std::string_view script, std::size_t max) {
  std::string_view line = script.substr(0, script.find('\n'));
  std::string out(line.substr(0, max));
  for (char& c : out) {  // keep messages printable (a NUL would cut what())
    const auto b = static_cast<unsigned char>(c);
    if (b < 0x20 || b == 0x7f) c = '?';
  }
  if (line.size() > max || line.size() < script.size()) out += "...";
  return out;
}

}  // namespace tr::probe::tcl
