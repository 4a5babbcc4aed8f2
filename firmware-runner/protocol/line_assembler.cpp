#include "protocol/line_assembler.h"

namespace tr::fw {
namespace {

// Hosts often send CR/LF after '%' (the reference treats it as the start of the next command)
// and some bridges emit NULs; before a command starts they carry no meaning.
bool is_filler(char c) {
  return c == '\r' || c == '\n' || c == '\0' || c == ' ';
}

}  // namespace

void LineAssembler::restart() {
  len_ = 0;
  buf_[0] = '\0';
  started_ = false;
  overflow_ = false;
  complete_ = false;
}

LineAssembler::Event LineAssembler::feed(char c) {
  if (complete_) restart();
  if (c == '%') {
    bool was_overflow = overflow_;
    if (was_overflow) len_ = 0;
    buf_[len_] = '\0';
    complete_ = true;
    return was_overflow ? Event::too_long : Event::command;
  }
  if (!started_ && is_filler(c)) return Event::none;
  started_ = true;
  if (len_ < kMaxChars) {
    buf_[len_++] = c;
  } else {
    overflow_ = true;
  }
  return Event::none;
}

}  // namespace tr::fw
