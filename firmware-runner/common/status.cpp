#include "common/status.h"

#include "common/text_format.h"

namespace tr {

const char* status_name(Status s) {
  switch (s) {
    case Status::ok:
      return "ok";
    case Status::bad_argument:
      return "bad argument";
    case Status::bad_model:
      return "bad model";
    case Status::unsupported:
      return "unsupported";
    case Status::no_memory:
      return "no memory";
  }
  return "unknown";
}

ErrorText& ErrorText::append(const char* s) {
  while (*s != '\0' && len_ < kCapacity) buf_[len_++] = *s++;
  buf_[len_] = '\0';
  return *this;
}

ErrorText& ErrorText::append_int(int64_t v) {
  char tmp[24];
  format_int(v, tmp, sizeof tmp);
  return append(tmp);
}

ErrorText& ErrorText::append_uint(uint64_t v) {
  char tmp[24];
  format_uint(v, tmp, sizeof tmp);
  return append(tmp);
}

ErrorText& ErrorText::append_hex(uint32_t v) {
  char tmp[12];
  format_hex32(v, tmp, sizeof tmp);
  return append(tmp);
}

}  // namespace tr
