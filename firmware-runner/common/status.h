// Status codes and error text shared by the runner's portable core (engine and protocol).
// Freestanding: no exceptions, no heap. A failing call fills an ErrorText that names what was
// wrong and where; the protocol prints it as one `e-[...]` line.
#pragma once

#include <cstddef>
#include <cstdint>

namespace tr {

enum class Status : uint8_t {
  ok = 0,
  bad_argument,  // the caller passed something out of range
  bad_model,     // the model file is truncated, corrupt or inconsistent
  unsupported,   // valid, but not something this engine runs (operator, type, shape)
  no_memory,     // does not fit the arena, slot or a fixed table
};

const char* status_name(Status s);

// A fixed-capacity message buffer. append() truncates rather than overflowing.
class ErrorText {
 public:
  static constexpr size_t kCapacity = 120;

  void clear() {
    len_ = 0;
    buf_[0] = '\0';
  }
  ErrorText& append(const char* s);
  ErrorText& append_int(int64_t v);
  ErrorText& append_uint(uint64_t v);
  ErrorText& append_hex(uint32_t v);  // 0x-prefixed, lowercase
  const char* c_str() const { return buf_; }
  size_t size() const { return len_; }
  bool empty() const { return len_ == 0; }

 private:
  char buf_[kCapacity + 1] = {};
  size_t len_ = 0;
};

}  // namespace tr
