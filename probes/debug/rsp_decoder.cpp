#include "debug/rsp_decoder.h"

#include "debug/rsp_packet.h"

namespace tr::probe::rsp {
namespace {

constexpr char kInterrupt = 0x03;

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

void RspDecoder::feed(std::string_view bytes) {
  for (char c : bytes) {
    switch (state_) {
      case State::idle:
        if (c == '$') {
          state_ = State::payload;
          payload_.clear();
          oversize_ = false;
        } else if (c == '+') {
          events_.push_back({RspEvent::Kind::ack, {}});
        } else if (c == '-') {
          events_.push_back({RspEvent::Kind::nak, {}});
        } else if (c == kInterrupt) {
          events_.push_back({RspEvent::Kind::interrupt, {}});
        } else {
          ++junk_bytes_;
        }
        break;
      case State::payload:
      case State::escaped:
        if (state_ == State::payload && c == '$') {
          // A new start inside a packet: the sender gave up on the old one (as GDB does).
          junk_bytes_ += payload_.size() + 1;
          payload_.clear();
          oversize_ = false;
          break;
        }
        if (state_ == State::payload && c == '#') {
          state_ = State::checksum_hi;
          break;
        }
        // The byte after '}' is data even if it is '#' or '$'.
        state_ = (state_ == State::payload && c == '}') ? State::escaped : State::payload;
        if (payload_.size() < max_payload_) {
          payload_ += c;
        } else {
          oversize_ = true;
        }
        break;
      case State::checksum_hi:
        checksum_hi_ = c;
        state_ = State::checksum_lo;
        break;
      case State::checksum_lo:
        finish_packet(c);
        state_ = State::idle;
        break;
    }
  }
}

void RspDecoder::finish_packet(char lo) {
  if (oversize_) {
    events_.push_back({RspEvent::Kind::oversize, {}});
    payload_.clear();
    return;
  }
  const int hi_v = hex_digit(checksum_hi_);
  const int lo_v = hex_digit(lo);
  const bool good = hi_v >= 0 && lo_v >= 0 && (hi_v << 4 | lo_v) == checksum(payload_);
  events_.push_back(
      {good ? RspEvent::Kind::packet : RspEvent::Kind::bad_checksum, std::move(payload_)});
  payload_.clear();
}

std::optional<RspEvent> RspDecoder::next() {
  if (events_.empty()) return std::nullopt;
  RspEvent e = std::move(events_.front());
  events_.pop_front();
  return e;
}

}  // namespace tr::probe::rsp
