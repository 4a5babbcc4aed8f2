// Stop replies ("S05", "T05thread:p01.01;", "W00", "X09"): why the target is not running.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace tr::probe::rsp {

// Which watchpoint a T reply says fired ("watch:", "rwatch:", "awatch:").
enum class WatchHit { none, write, read, access };

struct StopReply {
  enum class Kind {
    signal,      // S / T: halted; `code` is the signal (5 = SIGTRAP, 2 = SIGINT after 0x03)
    exited,      // W: the program exited with status `code` (QEMU semihosting exit)
    terminated,  // X: the program was killed by signal `code`
  };
  Kind kind = Kind::signal;
  int code = 0;
  std::string thread;  // "p01.01" from T replies that name one, else empty
  WatchHit watch = WatchHit::none;
  std::uint32_t watch_address = 0;  // the data address that triggered it (watch != none)
  std::string raw;                  // the whole payload, for logs

  bool halted() const { return kind == Kind::signal; }
  bool watchpoint() const { return watch != WatchHit::none; }
};

// True if the payload is a stop reply (S, T, W or X followed by two hex digits).
bool is_stop_reply(std::string_view payload);

// Parses a stop reply; anything else is ProbeError(protocol) quoting the payload.
StopReply parse_stop_reply(std::string_view payload);

}  // namespace tr::probe::rsp
