#include "debug/stop_reply.h"

#include "debug/probe_error.h"
#include "debug/rsp_packet.h"

namespace tr::probe::rsp {
namespace {

bool is_hex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
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
      if (colon != std::string_view::npos && pair.substr(0, colon) == "thread") {
        r.thread = std::string(pair.substr(colon + 1));
      }
      if (semi == std::string_view::npos) break;
      rest.remove_prefix(semi + 1);
    }
  }
  return r;
}

}  // namespace tr::probe::rsp
