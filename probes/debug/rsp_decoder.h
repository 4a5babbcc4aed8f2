// RspDecoder: turns the byte stream from a GDB stub (or, in a test server, from a client) into
// events. Incremental: feed() whatever arrived, then pop events; packets may be split across
// feeds. Bytes outside packets other than '+', '-' and 0x03 are junk and are skipped.
#pragma once

#include <cstddef>
#include <deque>
#include <optional>
#include <string>
#include <string_view>

namespace tr::probe::rsp {

struct RspEvent {
  enum class Kind {
    ack,           // '+'
    nak,           // '-': the peer wants the last packet again
    interrupt,     // 0x03 outside a packet
    packet,        // a complete packet with a good checksum; payload as sent (not RLE-expanded)
    bad_checksum,  // a complete packet whose checksum did not match: answer '-'
    oversize,      // a packet longer than the decoder's limit (payload dropped)
  };
  Kind kind;
  std::string payload;  // packet and bad_checksum only
};

class RspDecoder {
 public:
  static constexpr std::size_t kDefaultMaxPayload = 1 << 20;

  explicit RspDecoder(std::size_t max_payload = kDefaultMaxPayload) : max_payload_(max_payload) {}

  void feed(std::string_view bytes);

  // Pops the oldest event, if any.
  std::optional<RspEvent> next();
  bool has_event() const { return !events_.empty(); }
  // Forgets decoded events not yet popped (stale replies after a timeout).
  void clear_events() { events_.clear(); }

  // True while in the middle of a packet; junk_bytes() counts bytes skipped so far.
  bool in_packet() const { return state_ != State::idle; }
  std::size_t junk_bytes() const { return junk_bytes_; }

 private:
  enum class State { idle, payload, escaped, checksum_hi, checksum_lo };

  void finish_packet(char lo);

  std::size_t max_payload_;
  State state_ = State::idle;
  std::string payload_;
  bool oversize_ = false;
  char checksum_hi_ = 0;
  std::size_t junk_bytes_ = 0;
  std::deque<RspEvent> events_;
};

}  // namespace tr::probe::rsp
