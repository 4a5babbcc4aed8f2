#include "common/text_format.h"

namespace tr {
namespace {

size_t reverse_digits(char* digits, size_t n, char* out, size_t cap) {
  if (cap == 0) return 0;
  size_t len = 0;
  while (n > 0 && len + 1 < cap) out[len++] = digits[--n];
  out[len] = '\0';
  return len;
}

}  // namespace

size_t format_uint(uint64_t v, char* out, size_t cap) {
  char digits[20];
  size_t n = 0;
  do {
    digits[n++] = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v != 0);
  return reverse_digits(digits, n, out, cap);
}

size_t format_int(int64_t v, char* out, size_t cap) {
  if (v >= 0) return format_uint(static_cast<uint64_t>(v), out, cap);
  if (cap < 2) {
    if (cap == 1) out[0] = '\0';
    return 0;
  }
  out[0] = '-';
  // Negate in unsigned arithmetic so INT64_MIN is handled.
  uint64_t mag = ~static_cast<uint64_t>(v) + 1;
  return 1 + format_uint(mag, out + 1, cap - 1);
}

size_t format_hex32(uint32_t v, char* out, size_t cap) {
  static const char kHex[] = "0123456789abcdef";
  char tmp[11] = {'0', 'x'};
  for (int i = 0; i < 8; ++i) tmp[2 + i] = kHex[(v >> (28 - 4 * i)) & 0xf];
  tmp[10] = '\0';
  size_t len = 0;
  while (len + 1 < cap && tmp[len] != '\0') {
    out[len] = tmp[len];
    ++len;
  }
  if (cap > 0) out[len] = '\0';
  return len;
}

size_t format_fixed(float v, int decimals, char* out, size_t cap) {
  if (cap == 0) return 0;
  if (decimals < 0) decimals = 0;
  if (decimals > 6) decimals = 6;
  if (v != v) {  // NaN
    size_t len = 0;
    for (const char* s = "nan"; *s != '\0' && len + 1 < cap; ++s) out[len++] = *s;
    out[len] = '\0';
    return len;
  }
  bool neg = v < 0.0f;
  double mag = neg ? -static_cast<double>(v) : static_cast<double>(v);
  uint64_t scale = 1;
  for (int i = 0; i < decimals; ++i) scale *= 10;
  double scaled = mag * static_cast<double>(scale) + 0.5;
  if (scaled > 1.8e19) scaled = 1.8e19;  // keep the conversion defined
  uint64_t units = static_cast<uint64_t>(scaled);
  uint64_t whole = units / scale;
  uint64_t frac = units % scale;
  size_t len = 0;
  if (neg && units != 0 && len + 1 < cap) out[len++] = '-';
  len += format_uint(whole, out + len, cap - len);
  if (decimals > 0 && len + 1 < cap) {
    out[len++] = '.';
    char digits[8];
    for (int i = decimals - 1; i >= 0; --i) {
      digits[i] = static_cast<char>('0' + frac % 10);
      frac /= 10;
    }
    for (int i = 0; i < decimals && len + 1 < cap; ++i) out[len++] = digits[i];
  }
  out[len] = '\0';
  return len;
}

bool parse_uint32(const char* s, size_t len, uint32_t& out) {
  if (len == 0) return false;
  uint64_t v = 0;
  for (size_t i = 0; i < len; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + static_cast<uint64_t>(s[i] - '0');
    if (v > 0xffffffffu) return false;
  }
  out = static_cast<uint32_t>(v);
  return true;
}

bool parse_hex_uint32(const char* s, size_t len, uint32_t& out) {
  if (len >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
    s += 2;
    len -= 2;
  }
  if (len == 0 || len > 8) return false;
  uint32_t v = 0;
  for (size_t i = 0; i < len; ++i) {
    char c = s[i];
    uint32_t d;
    if (c >= '0' && c <= '9') {
      d = static_cast<uint32_t>(c - '0');
    } else if (c >= 'a' && c <= 'f') {
      d = static_cast<uint32_t>(c - 'a' + 10);
    } else if (c >= 'A' && c <= 'F') {
      d = static_cast<uint32_t>(c - 'A' + 10);
    } else {
      return false;
    }
    v = (v << 4) | d;
  }
  out = v;
  return true;
}

}  // namespace tr
