// Collects received bytes into one command, terminated by '%' (MLPerf Tiny framing). Bounded:
// an overlong command is remembered as such and discarded whole when its '%' arrives, so the
// buffer can never overflow and the next command starts clean.
#pragma once

#include <cstddef>
#include <cstdint>

namespace tr::fw {

class LineAssembler {
 public:
  // The reference firmware's buffer is 80 bytes including the NUL: at most 79 characters.
  static constexpr size_t kMaxChars = 79;

  enum class Event : uint8_t {
    none,      // byte absorbed; no command complete yet
    command,   // '%' ended a command; text() holds it (possibly empty)
    too_long,  // '%' ended a command of more than kMaxChars characters; it was discarded
  };

  Event feed(char c);

  // The completed command, NUL-terminated, without the '%'. Valid until the next feed().
  const char* text() const { return buf_; }
  size_t size() const { return len_; }

 private:
  void restart();

  char buf_[kMaxChars + 1] = {};
  size_t len_ = 0;
  bool started_ = false;   // a non-filler byte has been seen since the last '%'
  bool overflow_ = false;  // more than kMaxChars characters since the last '%'
  bool complete_ = false;  // the previous feed() completed a command; clear on the next byte
};

}  // namespace tr::fw
