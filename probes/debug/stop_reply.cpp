#include "debug/stop_reply.h"

#include "debug/probe_error.h"
#include "debug/rsp_packet.h"

namespace tr::probe::rsp {
namespace {

bool is_hex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

WatchHit watch_hit(std::string_view key) {
  if (key == "watch") return WatchHit::write;
  if (key == "rwatch") return WatchHit::read;
  if (key == "awatch") return WatchHit::access;
  return WatchHit::none;
}

// The data address of a watchpoint stop: hex, and on these 32-bit targets below 2^32.
std::uint32_t watch_address(std::string_view value, std::string_view payload) {
  const bool hex = !value.empty() && value.size() <= 16 &&
                   value.find_first_not_of("0123456789abcdefABCDEF") == std::string_view::npos;
  const std::uint64_t address = hex ? parse_hex_number(value) : 0;
  if (!hex || address > 0xFFFFFFFFull) {
    throw ProbeError(ProbeErrc::protocol, "the watchpoint address '" + describe(value) +
                                              "' in stop reply '" + describe(payload) +
                                              "' is not a 32-bit hex address");
  }
  return static_cast<std::uint32_t>(address);
}

}  // namespace

bool is_stop_reply(std::string_view payload) {
  if (payload.size() < 3) return false;
  const char k = payload[0];
  return (k == 'S' || k == 'T' || k == 'W' || k == 'X') && is_hex(payload[1]) && is_hex(payload[2]);
}

StopReply parse_stop_reply(std::string_view payload) {
  if (!is_stop_reply(payload)) {
    throw ProbeError(ProbeErrc::protocol,
                     "expected a stop reply (S/T/W/X + two hex digits) but the stub sent '" +
                         describe(payload) + "'");
  }
  StopReply r;
  r.raw = std::string(payload);
  r.code = static_cast<int>(parse_hex_number(payload.substr(1, 2)));
  switch (payload[0]) {
    case 'W':
      r.kind = StopReply::Kind::exited;
      break;
    case 'X':
      r.kind = StopReply::Kind::terminated;
      break;
    default:
      r.kind = StopReply::Kind::signal;
      break;
  }
  if (payload[0] == 'T') {
    // "n1:r1;n2:r2;..." after the signal: keep the thread id if one is named.
    std::string_view rest = payload.substr(3);
    while (!rest.empty()) {
      const auto semi = rest.find(';');
      const std::string_view pair = rest.substr(0, semi);
      const auto colon = pair.find(':');
      if (colon != std::string_view::npos) {
        const std::string_view key = pair.substr(0, colon);
        const std::string_view value = pair.substr(colon + 1);
        if (key == "thread") {
          r.thread = std::string(value);
        } else if (const WatchHit hit = watch_hit(key); hit != WatchHit::none) {
          r.watch = hit;
          r.watch_address = watch_address(value, payload);
        }
      }
      if (semi == std::string_view::npos) break;
      rest.remove_prefix(semi + 1);
    }
  }
  return r;
}

}  // namespace tr::probe::rsp
