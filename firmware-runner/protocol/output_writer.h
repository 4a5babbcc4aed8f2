// Builds the runner's reply lines on the console: `m-...` messages, `e-[...]` errors and the
// closing `m-ready`, each ending "\r\n". Long lines (results, tr-out) are written piecewise
// through a small staging buffer, so no reply needs a line-sized buffer.
#pragma once

#include <cstddef>
#include <cstdint>

#include "protocol/platform.h"

namespace tr::fw {

class OutputWriter {
 public:
  explicit OutputWriter(Console& console) : console_(console) {}

  // Pieces of the current line.
  OutputWriter& put(const char* s);
  OutputWriter& put(const char* s, size_t n);
  OutputWriter& put_char(char c);
  OutputWriter& put_uint(uint64_t v);
  OutputWriter& put_int(int64_t v);
  OutputWriter& put_hex32(uint32_t v);    // "0x" + 8 lowercase digits
  OutputWriter& put_hex_byte(uint8_t v);  // 2 lowercase digits
  OutputWriter& put_fixed(float v, int decimals);
  // Echo of received text: printable ASCII as is, anything else as \xNN, so a stray CR/LF in
  // a command can never split or end a reply line.
  OutputWriter& put_escaped(const char* s, size_t n);
  void end_line();  // "\r\n", then hand the line to the console

  // Whole lines.
  void message(const char* text);  // m-<text>
  void error(const char* text);    // e-[<text>]
  void plain(const char* text);    // <text> (help lines)
  void ready();                    // m-ready

  // tinyrack answers: m-tr-<key>-[<value>]
  OutputWriter& begin_value(const char* key);  // m-tr-<key>-[
  void end_value();                            // ]\r\n
  void value(const char* key, const char* v);
  void value(const char* key, uint64_t v);

 private:
  static constexpr size_t kStage = 64;
  void flush();

  Console& console_;
  char stage_[kStage] = {};
  size_t len_ = 0;
};

}  // namespace tr::fw
