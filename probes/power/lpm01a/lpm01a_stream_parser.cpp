#include "power/lpm01a/lpm01a_stream_parser.h"

#include <cstdint>

#include "power/lpm01a/lpm01a_line.h"

namespace tr::power::lpm01a {

void Lpm01aStreamParser::reset() {
  line_.clear();
  binary_ = false;
  skip_lf_ = false;
  binary_decoder_.reset();
}

void Lpm01aStreamParser::feed(std::string_view bytes, std::vector<Lpm01aItem>& out) {
  for (char c : bytes) {
    if (binary_) {
      if (skip_lf_) {  // the "\n" of the "ack start\r\n" that switched to binary
        skip_lf_ = false;
        if (c == '\n') continue;
      }
      if (binary_decoder_.feed(static_cast<std::uint8_t>(c), out)) binary_ = false;
      continue;
    }
    if (c == '\0') {
      ++nul_bytes_;
    } else if (c == '\r' || c == '\n') {
      end_line(out);
      skip_lf_ = binary_ && c == '\r';
    } else if (line_.size() < kMaxLine) {
      line_.push_back(c);
    }
  }
}

void Lpm01aStreamParser::end_line(std::vector<Lpm01aItem>& out) {
  if (line_.empty()) return;
  std::size_t first_new = out.size();
  classify_line(line_, out);
  line_.clear();
  if (binary_capture_) {
    for (std::size_t i = first_new; i < out.size(); ++i) {
      if (out[i].kind == Lpm01aItem::Kind::ack && out[i].text == "start") {
        binary_ = true;
        binary_decoder_.reset();
      }
    }
  }
}

}  // namespace tr::power::lpm01a
