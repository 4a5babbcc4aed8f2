#include "protocol/output_writer.h"

#include "common/text_format.h"

namespace tr::fw {
namespace {
constexpr char kHexDigits[] = "0123456789abcdef";
}  // namespace

void OutputWriter::flush() {
  if (len_ > 0) console_.write(stage_, len_);
  len_ = 0;
}

OutputWriter& OutputWriter::put_char(char c) {
  if (len_ == kStage) flush();
  stage_[len_++] = c;
  return *this;
}

OutputWriter& OutputWriter::put(const char* s, size_t n) {
  for (size_t i = 0; i < n; ++i) put_char(s[i]);
  return *this;
}

OutputWriter& OutputWriter::put(const char* s) {
  while (*s != '\0') put_char(*s++);
  return *this;
}

OutputWriter& OutputWriter::put_uint(uint64_t v) {
  char tmp[24];
  size_t n = format_uint(v, tmp, sizeof tmp);
  return put(tmp, n);
}

OutputWriter& OutputWriter::put_int(int64_t v) {
  char tmp[24];
  size_t n = format_int(v, tmp, sizeof tmp);
  return put(tmp, n);
}

OutputWriter& OutputWriter::put_hex32(uint32_t v) {
  char tmp[12];
  size_t n = format_hex32(v, tmp, sizeof tmp);
  return put(tmp, n);
}

OutputWriter& OutputWriter::put_hex_byte(uint8_t v) {
  put_char(kHexDigits[v >> 4]);
  return put_char(kHexDigits[v & 0xf]);
}

OutputWriter& OutputWriter::put_fixed(float v, int decimals) {
  char tmp[32];
  size_t n = format_fixed(v, decimals, tmp, sizeof tmp);
  return put(tmp, n);
}

OutputWriter& OutputWriter::put_escaped(const char* s, size_t n) {
  for (size_t i = 0; i < n; ++i) {
    auto c = static_cast<uint8_t>(s[i]);
    if (c >= 0x20 && c < 0x7f && c != '\\') {
      put_char(s[i]);
    } else {
      put("\\x").put_hex_byte(c);
    }
  }
  return *this;
}

void OutputWriter::end_line() {
  put("\r\n");
  flush();
}

void OutputWriter::message(const char* text) {
  put("m-").put(text);
  end_line();
}

void OutputWriter::error(const char* text) {
  put("e-[").put(text).put("]");
  end_line();
}

void OutputWriter::plain(const char* text) {
  put(text);
  end_line();
}

void OutputWriter::ready() {
  message("ready");
}

OutputWriter& OutputWriter::begin_value(const char* key) {
  return put("m-tr-").put(key).put("-[");
}

void OutputWriter::end_value() {
  put("]");
  end_line();
}

void OutputWriter::value(const char* key, const char* v) {
  begin_value(key).put(v);
  end_value();
}

void OutputWriter::value(const char* key, uint64_t v) {
  begin_value(key).put_uint(v);
  end_value();
}

}  // namespace tr::fw
