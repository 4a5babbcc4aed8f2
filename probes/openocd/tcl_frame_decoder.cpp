#include "openocd/tcl_frame_decoder.h"

namespace tr::probe::tcl {
namespace {

constexpr std::size_t kOversizeKeep = 200;  // enough of an oversize frame to name it

}  // namespace

bool is_notification(std::string_view text) {
  return text.starts_with("type ");
}

void TclFrameDecoder::feed(std::string_view bytes) {
  while (!bytes.empty()) {
    const std::size_t end = bytes.find(kTerminator);
    const std::string_view part = bytes.substr(0, end);
    if (!oversize_) {
      if (partial_.size() + part.size() > max_frame_) {
        oversize_ = true;
        partial_.append(part.substr(0, kOversizeKeep));
        if (partial_.size() > kOversizeKeep) partial_.resize(kOversizeKeep);
      } else {
        partial_.append(part);
      }
    }
    if (end == std::string_view::npos) return;
    finish();
    bytes.remove_prefix(end + 1);
  }
}

void TclFrameDecoder::finish() {
  TclFrame frame;
  if (oversize_) {
    frame.kind = TclFrame::Kind::oversize;
  } else if (is_notification(partial_)) {
    frame.kind = TclFrame::Kind::notification;
    while (!partial_.empty() && (partial_.back() == '\n' || partial_.back() == '\r')) {
      partial_.pop_back();
    }
  }
  frame.text = std::move(partial_);
  partial_.clear();
  oversize_ = false;
  frames_.push_back(std::move(frame));
}

std::optional<TclFrame> TclFrameDecoder::next() {
  if (frames_.empty()) return std::nullopt;
  TclFrame frame = std::move(frames_.front());
  frames_.pop_front();
  return frame;
}

}  // namespace tr::probe::tcl
