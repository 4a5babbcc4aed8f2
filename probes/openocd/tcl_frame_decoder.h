// TclFrameDecoder: splits the byte stream from OpenOCD's Tcl RPC server into frames, each
// ended by 0x1A (openocd-pyocd.md §2). Incremental: feed() whatever arrived (frames may be
// split across reads or several may arrive in one), then pop frames. A frame longer than the
// limit (OpenOCD's own is 4 MiB) is reported as oversize and its bytes are dropped up to its
// terminator, so the stream stays in step.
#pragma once

#include <cstddef>
#include <deque>
#include <optional>
#include <string>
#include <string_view>

namespace tr::probe::tcl {

inline constexpr char kTerminator = '\x1a';
inline constexpr std::size_t kMaxFrame = 4u << 20;  // OpenOCD's line limit

struct TclFrame {
  enum class Kind {
    reply,         // anything that is not a notification
    notification,  // "type <kind> ..." sent on its own after `tcl_notifications on`
    oversize,      // longer than the limit: text holds only its first bytes
  };
  Kind kind = Kind::reply;
  std::string text;  // without the terminator
};

class TclFrameDecoder {
 public:
  explicit TclFrameDecoder(std::size_t max_frame = kMaxFrame) : max_frame_(max_frame) {}

  void feed(std::string_view bytes);
  std::optional<TclFrame> next();
  bool has_frame() const { return !frames_.empty(); }
  std::size_t max_frame() const { return max_frame_; }
  // Bytes of a frame that has not ended yet.
  std::size_t partial_bytes() const { return partial_.size(); }

 private:
  void finish();

  std::size_t max_frame_;
  std::string partial_;
  bool oversize_ = false;
  std::deque<TclFrame> frames_;
};

// Whether a frame's text is an asynchronous notification ("type target_event event halted").
// Replies of wrapped commands start with "OK:" or "ERR:", so they never look like one.
bool is_notification(std::string_view text);

}  // namespace tr::probe::tcl
