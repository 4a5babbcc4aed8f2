#include "protocol/tokens.h"

namespace tr::fw {

bool Token::is(const char* word) const {
  size_t i = 0;
  for (; i < size; ++i) {
    if (word[i] == '\0' || word[i] != data[i]) return false;
  }
  return word[i] == '\0';
}

bool Token::starts_with(const char* prefix) const {
  for (size_t i = 0; prefix[i] != '\0'; ++i) {
    if (i >= size || prefix[i] != data[i]) return false;
  }
  return true;
}

Tokens::Tokens(const char* text, size_t len) {
  size_t i = 0;
  while (i < len) {
    while (i < len && text[i] == ' ') ++i;
    if (i == len) break;
    size_t start = i;
    while (i < len && text[i] != ' ') ++i;
    if (kept_ < kMax) tokens_[kept_++] = Token{text + start, i - start};
    ++total_;
  }
}

}  // namespace tr::fw
