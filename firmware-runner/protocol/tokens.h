// Splits one command into space-separated tokens without copying (views into the command
// text). Only the first kMax tokens are kept; total() still counts every token so a handler
// can reject surplus arguments.
#pragma once

#include <cstddef>
#include <cstdint>

namespace tr::fw {

struct Token {
  const char* data = "";
  size_t size = 0;

  bool is(const char* word) const;  // exact, case-sensitive match
  bool starts_with(const char* prefix) const;
  bool empty() const { return size == 0; }
};

class Tokens {
 public:
  static constexpr size_t kMax = 8;

  Tokens(const char* text, size_t len);

  size_t total() const { return total_; }
  // The i-th token; an empty token when i is past the end, so optional arguments read simply.
  const Token& operator[](size_t i) const { return i < kept_ ? tokens_[i] : empty_; }

 private:
  Token tokens_[kMax];
  Token empty_;
  size_t kept_ = 0;
  size_t total_ = 0;
};

}  // namespace tr::fw
